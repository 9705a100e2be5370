// SPDX-License-Identifier: Apache-2.0
// OutputSet: a run's files are complete together or untouched, under a write failure at every
// step; the manifest lists them with SHA-256 (test vectors of FIPS 180-2, appendix B.1).
#include <gtest/gtest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "lodeline/io/output_set.hpp"
#include "lodeline/io/text_file.hpp"

namespace fs = std::filesystem;
using namespace lodeline;

namespace {

fs::path fresh_folder(const std::string& name) {
  const auto dir = fs::temp_directory_path() / fmt::format("lodeline_{}_{}", name, ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    out.insert(e.path().lexically_relative(dir).generic_string());
  return out;
}

void write_set(const fs::path& dir, const std::string& tag, bool with_c) {
  io::OutputSet out(dir);
  out.add("a.txt", "a of " + tag);
  out.add("sub/b.txt", "b of " + tag);
  if (with_c)
    out.add("c.txt", "c of " + tag);
  else
    out.remove_stale("c.txt");
  out.commit();
}

bool all_identical(const fs::path& dir) {
  for (const auto& c : io::verify_outputs(dir / io::kManifestName))
    if (c.state != io::OutputCheck::State::identical) return false;
  return true;
}

}  // namespace

TEST(Sha256, Fips180Vectors) {
  EXPECT_EQ(io::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(io::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(io::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(OutputSet, AFailureAtAnyWriteLeavesTheEarlierCompleteSet) {
  const auto dir = fresh_folder("output_set_fault");
  write_set(dir, "run 1", true);
  const auto before = names_in(dir);
  // 3 writes, 3 closes and the manifest's write and close: the 8th operation is the last.
  int failures = 0;
  for (std::int64_t n = 1; n < 20; ++n) {
    io::inject_write_fault(n);
    try {
      write_set(dir, "run 2", true);
      io::inject_write_fault(0);
      break;
    } catch (const Error& e) {
      io::inject_write_fault(0);
      ++failures;
      EXPECT_EQ(e.code(), "io.cannot_write");
      EXPECT_EQ(names_in(dir), before) << "after a failure at operation " << n;
      EXPECT_TRUE(all_identical(dir));
      EXPECT_EQ(io::read_text(dir / "a.txt"), "a of run 1");
      EXPECT_EQ(io::read_text(dir / "sub" / "b.txt"), "b of run 1");
    }
  }
  EXPECT_EQ(failures, 8);
  EXPECT_EQ(names_in(dir), before);
  EXPECT_TRUE(all_identical(dir));
  EXPECT_EQ(io::read_text(dir / "c.txt"), "c of run 2");
}

TEST(OutputSet, ManifestListsSizesAndDigests) {
  const auto dir = fresh_folder("output_set_manifest");
  write_set(dir, "x", true);
  const auto entries = io::read_manifest(dir / io::kManifestName);
  ASSERT_EQ(entries.size(), 3U);
  EXPECT_EQ(entries[1].file, "sub/b.txt");
  EXPECT_EQ(entries[1].bytes, 6U);
  EXPECT_EQ(entries[1].sha256, io::sha256_hex("b of x"));
}

TEST(OutputSet, VerifyFindsAChangedAndAMissingFile) {
  const auto dir = fresh_folder("output_set_verify");
  write_set(dir, "x", true);
  io::write_file_atomic(dir / "a.txt", "a of y");  // same size, other bytes
  fs::remove(dir / "c.txt");
  const auto checks = io::verify_outputs(dir / io::kManifestName);
  ASSERT_EQ(checks.size(), 3U);
  EXPECT_EQ(checks[0].state, io::OutputCheck::State::different);
  EXPECT_EQ(checks[1].state, io::OutputCheck::State::identical);
  EXPECT_EQ(checks[2].state, io::OutputCheck::State::missing);
}

TEST(OutputSet, AnEarlierRunsExtraOutputIsRemoved) {
  const auto dir = fresh_folder("output_set_stale");
  write_set(dir, "x", true);
  write_set(dir, "y", false);
  EXPECT_FALSE(fs::exists(dir / "c.txt"));
  EXPECT_TRUE(all_identical(dir));
  EXPECT_EQ(io::read_manifest(dir / io::kManifestName).size(), 2U);
}

TEST(OutputSet, AFolderInTheWayChangesNothing) {
  const auto dir = fresh_folder("output_set_folder");
  write_set(dir, "x", true);
  fs::remove(dir / "c.txt");
  fs::create_directories(dir / "c.txt");
  EXPECT_THROW(write_set(dir, "y", true), Error);
  EXPECT_EQ(io::read_text(dir / "a.txt"), "a of x");
  EXPECT_TRUE(fs::exists(dir / io::kManifestName));
}

TEST(OutputSet, NotAManifestIsRefusedWithItsFile) {
  const auto dir = fresh_folder("output_set_bad");
  io::write_file_atomic(dir / io::kManifestName, R"({"format": "something else"})");
  try {
    (void)io::read_manifest(dir / io::kManifestName);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "io.bad_manifest");
    EXPECT_EQ(e.location().file, (dir / io::kManifestName).string());
  }
}

TEST(AtomicFile, NothingNamedBeforeCommit) {
  const auto dir = fresh_folder("atomic_unnamed");
  io::AtomicFile f(dir / "x.txt");
  f.write("staged");
  f.finish();
  // Unnamed with O_TMPFILE; a file system without it shows the named temporary only.
  const auto staged = names_in(dir);
  EXPECT_TRUE(staged.empty() ||
              staged == std::set<std::string>{fmt::format("x.txt.tmp-{}", ::getpid())});
  f.place();
  EXPECT_EQ(io::read_text(dir / "x.txt"), "staged");
  EXPECT_EQ(names_in(dir), std::set<std::string>{"x.txt"});
}
