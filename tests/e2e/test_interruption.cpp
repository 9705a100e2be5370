// SPDX-License-Identifier: Apache-2.0
// A real run (the demo's project, as a separate lodeline process) interrupted by SIGINT or
// SIGKILL at moments spread over its whole duration: afterwards the output folder holds one
// run's complete set (`lodeline verify` passes) and no temporary file. SIGINT is held while
// the files are put in place, so it never leaves a folder without its manifest; SIGKILL
// cannot be held, and could only in the instant of the renames (counted, and reported).
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <sstream>
#include <thread>

#include "cli.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

/// Starts `lodeline run PROJECT --out OUT` with its output discarded.
pid_t start_run(const fs::path& project, const fs::path& out) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execl(LODELINE_BINARY, "lodeline", "run", project.c_str(), "--out", out.c_str(), nullptr);
    ::_exit(127);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

bool verifies(const fs::path& out) {
  std::ostringstream o, e;
  return lodeline::cli::run_cli({"verify", out.string()}, o, e) == 0;
}

bool has_temporaries(const fs::path& dir) {
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().filename().string().find(".tmp-") != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(Interruption, EveryInterruptedRunLeavesACompleteSet) {
  const fs::path dir =
      fs::temp_directory_path() / ("lodeline_e2e_interrupt_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::ostringstream o, e;
  ASSERT_EQ(lodeline::cli::run_cli({"demo", "--out", dir.string()}, o, e), 0) << e.str();
  const fs::path project = dir / "project.toml", out = dir / "out";
  const auto t0 = Clock::now();
  ASSERT_EQ(wait_for(start_run(project, out)), 0);
  const auto whole = Clock::now() - t0;
  int completed = 0, interrupted = 0;
  // Moments as per cent of a whole run's duration, most near its end, where the report is
  // formatted and the files are put in place.
  constexpr std::array<int, 6> kMomentsPct{25, 50, 70, 80, 88, 95};
  for (std::size_t k = 0; k < kMomentsPct.size(); ++k) {
    const int signal = k % 2 == 0 ? SIGINT : SIGKILL;
    const pid_t pid = start_run(project, out);
    std::this_thread::sleep_for(whole * kMomentsPct[k] / 100);
    ::kill(pid, signal);
    const int status = wait_for(pid);
    (WIFSIGNALED(status) ? interrupted : completed) += 1;
    EXPECT_FALSE(has_temporaries(dir)) << "signal " << signal << " at moment " << k;
    EXPECT_TRUE(verifies(out)) << "signal " << signal << " at moment " << k;
  }
  std::cout << fmt::format("[ info ] a whole run {:.2f} s; {} runs interrupted, {} completed\n",
                           std::chrono::duration<double>(whole).count(), interrupted, completed);
  EXPECT_GT(interrupted, 0);
  fs::remove_all(dir);
}
