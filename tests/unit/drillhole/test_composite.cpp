// SPDX-License-Identifier: Apache-2.0
// Compositing against hand-computed length-weighted means: residual rules, top-cut first,
// unsampled parts out of the weight, runs broken by gaps and domains, and the metal balance.
#include <gtest/gtest.h>

#include <cmath>

#include "drillhole_test_util.hpp"
#include "lodeline/drillhole/composite.hpp"
#include "lodeline/drillhole/export.hpp"

using namespace lodeline;
using namespace lodeline::drillhole;
using namespace lodeline::drillhole::testing;

namespace {

// Vertical hole, collar (0,0,100), depth 10. Run 1 = [0,5): 0-1 au 1, 1-4 au 2, 4-5 au 4;
// gap 5-6; run 2 = [6,7): au 3. Raw metal = 1*1 + 2*3 + 4*1 + 3*1 = 14 g/t.m.
const std::string kCollars = "hole_id,x,y,z,depth\nDH1,0,0,100,10\n";
const std::string kAssays = "hole_id,from,to,au\nDH1,0,1,1\nDH1,1,4,2\nDH1,4,5,4\nDH1,6,7,3\n";

struct Run {
  DrillholeDatabase db;
  DesurveyResult desurvey;
  CompositeResult result;
};

Run composite(const std::string& collars, const std::string& assays, CompositeOptions o,
              DrillholeOptions d = declared(), const std::string& surveys = "") {
  Run r;
  Diagnostics diag;
  r.db = build(collars, surveys, assays, d);
  r.desurvey = run_desurvey(r.db, {}, diag);
  r.result = run_compositing(r.db, r.desurvey, o, diag);
  return r;
}

struct Expect {
  double from, to, au;
};

void expect_composites(const CompositeResult& r, const std::vector<Expect>& want) {
  ASSERT_EQ(r.composites.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_DOUBLE_EQ(r.composites[i].from_m, want[i].from) << i;
    EXPECT_DOUBLE_EQ(r.composites[i].to_m, want[i].to) << i;
    EXPECT_NEAR(r.composites[i].values[0], want[i].au, 1e-12) << i;
  }
}

CompositeOptions opts(double length, double min_length, ResidualRule rule) {
  CompositeOptions o;
  o.length_m = length;
  o.min_length_m = min_length;
  o.residual = rule;
  return o;
}

}  // namespace

TEST(Composite, ResidualLongEnoughIsKept) {
  // L = 2, min 1: run 1 -> [0,2) (1*1 + 2*1)/2 = 1.5, [2,4) 2, [4,5) 4 (residual 1 >= 1);
  // run 2 -> [6,7) 3. The gap is never crossed.
  const auto r = composite(kCollars, kAssays, opts(2, 1, ResidualRule::drop));
  expect_composites(r.result, {{0, 2, 1.5}, {2, 4, 2}, {4, 5, 4}, {6, 7, 3}});
  EXPECT_EQ(r.result.runs, 2u);
  EXPECT_NEAR(r.result.total.composites[0], 14, 1e-12);
  EXPECT_NEAR(r.result.total.after_topcut[0], 14, 1e-12);
}

TEST(Composite, ResidualDrop) {
  // min 1.5: run 1's residual [4,5) (metal 4) and run 2 [6,7) (metal 3, no full composite) go.
  const auto r = composite(kCollars, kAssays, opts(2, 1.5, ResidualRule::drop));
  expect_composites(r.result, {{0, 2, 1.5}, {2, 4, 2}});
  EXPECT_EQ(r.result.residuals_dropped, 2u);
  EXPECT_DOUBLE_EQ(r.result.dropped_length_m, 2);
  EXPECT_NEAR(r.result.total.dropped[0], 7, 1e-12);
  EXPECT_NEAR(r.result.total.composites[0], 7, 1e-12);
  EXPECT_NEAR(r.result.total.composites[0] + r.result.total.dropped[0],
              r.result.total.after_topcut[0], 1e-12);
}

TEST(Composite, ResidualMerge) {
  // [2,5) = (2*2 + 4*1)/3 = 8/3; run 2 has nothing to merge into: dropped (metal 3).
  const auto r = composite(kCollars, kAssays, opts(2, 1.5, ResidualRule::merge));
  expect_composites(r.result, {{0, 2, 1.5}, {2, 5, 8.0 / 3}});
  EXPECT_EQ(r.result.residuals_merged, 1u);
  EXPECT_NEAR(r.result.total.dropped[0], 3, 1e-12);
}

TEST(Composite, ResidualRedistribute) {
  // Run 1 in 2 equal pieces of 2.5 m: [0,2.5) = (1*1 + 2*1.5)/2.5 = 1.6,
  // [2.5,5) = (2*1.5 + 4*1)/2.5 = 2.8.
  const auto r = composite(kCollars, kAssays, opts(2, 1.5, ResidualRule::redistribute));
  expect_composites(r.result, {{0, 2.5, 1.6}, {2.5, 5, 2.8}});
  EXPECT_EQ(r.result.runs_redistributed, 1u);
}

TEST(Composite, MetalBalanceEqualWhenNothingIsDropped) {
  // Irregular intervals over two holes, L = 3, merge with min = L: nothing can be dropped
  // because every run is longer than 3 m.
  const std::string collars = "hole_id,x,y,z,depth\nA,0,0,0,30\nB,10,0,0,30\n";
  const std::string assays =
      "hole_id,from,to,au\nA,0,1.3,0.7\nA,1.3,4.1,2.2\nA,4.1,5,0.4\nA,5,9.7,1.9\nA,12,17.5,3.3\n"
      "B,0.5,2,5.5\nB,2,6.25,0.05\nB,6.25,8,12\n";
  for (auto rule : {ResidualRule::merge, ResidualRule::redistribute}) {
    const auto r = composite(collars, assays, opts(3, 3, rule));
    // Raw metal by hand: A = 0.91 + 6.16 + 0.36 + 8.93 + 18.15 = 34.51;
    //                    B = 8.25 + 0.2125 + 21 = 29.4625.
    EXPECT_NEAR(r.result.holes[0].raw[0], 34.51, 1e-9);
    EXPECT_NEAR(r.result.holes[1].raw[0], 29.4625, 1e-9);
    EXPECT_EQ(r.result.residuals_dropped, 0u);
    for (const auto& b : r.result.holes) EXPECT_NEAR(b.composites[0], b.raw[0], 1e-9);
    EXPECT_NEAR(r.result.total.composites[0], 34.51 + 29.4625, 1e-9);
    double covered = 0;
    for (const auto& c : r.result.composites) covered += c.to_m - c.from_m;
    EXPECT_NEAR(covered, 9.7 + 5.5 + 7.5, 1e-9);  // every sampled metre in one composite
  }
}

TEST(Composite, TopCutBeforeCompositing) {
  // Cap au at 3: the 4 g/t interval becomes 3 before averaging: [2,5) = (2*2 + 3*1)/3 = 7/3.
  CompositeOptions o = opts(2, 1.5, ResidualRule::merge);
  o.topcuts = {TopCut::parse("au=3")};
  const auto r = composite(kCollars, kAssays, o);
  expect_composites(r.result, {{0, 2, 1.5}, {2, 5, 7.0 / 3}});
  EXPECT_EQ(r.result.capped, (std::vector<std::size_t>{1}));
  EXPECT_NEAR(r.result.total.raw[0], 14, 1e-12);
  EXPECT_NEAR(r.result.total.after_topcut[0], 13, 1e-12);
}

TEST(Composite, UnsampledPartsCarryNoWeight) {
  // 0-2 au 1, 2-3 blank (not assayed), 3-4 au 3; L = 4: au = (2*1 + 1*3)/3 = 5/3 over 3 m
  // sampled (a zero fill would give 5/4).
  const auto s = composite("hole_id,x,y,z,depth\nDH1,0,0,0,10\n",
                           "hole_id,from,to,au,cu\nDH1,0,2,1,\nDH1,2,3,,\nDH1,3,4,3,0.5\n",
                           opts(4, 1, ResidualRule::drop));
  ASSERT_EQ(s.result.composites.size(), 1u);
  const Composite& c = s.result.composites[0];
  EXPECT_NEAR(c.values[0], 5.0 / 3, 1e-12);
  EXPECT_EQ(c.sampled_m, (std::vector<double>{3, 1}));
  EXPECT_EQ(c.length_sampled_m, 3);
  EXPECT_EQ(c.values[1], 0.5);
}

TEST(Composite, DomainsAreNeverCrossed) {
  DrillholeOptions d = declared();
  d.domain_column = "lith";
  const auto r = composite(kCollars, "hole_id,from,to,au,lith\nDH1,0,2,1,ox\nDH1,2,4,3,fr\n",
                           opts(4, 1, ResidualRule::drop), d);
  expect_composites(r.result, {{0, 2, 1}, {2, 4, 3}});
  EXPECT_EQ(r.result.composites[0].domain, "ox");
  EXPECT_EQ(r.result.composites[1].domain, "fr");
  // Without the domain column the same intervals make one 4 m composite of 2 g/t.
  const auto one = composite(kCollars, "hole_id,from,to,au,lith\nDH1,0,2,1,ox\nDH1,2,4,3,fr\n",
                             opts(4, 1, ResidualRule::drop), [] {
                               auto o = declared();
                               o.value_columns = {"au"};
                               return o;
                             }());
  expect_composites(one.result, {{0, 4, 2}});
}

TEST(Composite, CentroidFromDesurvey) {
  // Straight hole az 90, dip -30 from (100, 200, 300): mid-depth 3 of [2,4) lies at
  // (100 + 3 cos 30, 200, 300 - 3 sin 30) = (102.5980762114, 200, 298.5).
  const auto r = composite("hole_id,x,y,z,azimuth,dip,depth\nDH1,100,200,300,90,-30,10\n",
                           "hole_id,from,to,au\nDH1,2,4,1\n", opts(2, 1, ResidualRule::drop));
  ASSERT_EQ(r.result.composites.size(), 1u);
  EXPECT_NEAR(r.result.composites[0].xyz_m[0], 102.5980762114, 1e-9);
  EXPECT_NEAR(r.result.composites[0].xyz_m[1], 200, 1e-9);
  EXPECT_NEAR(r.result.composites[0].xyz_m[2], 298.5, 1e-12);
}

TEST(Composite, CsvExport) {
  const auto r = composite(kCollars, kAssays, opts(2, 1.5, ResidualRule::merge));
  EXPECT_EQ(composites_csv(r.result),
            "hole_id,from,to,x,y,z,au,length_sampled,domain\n"
            "DH1,0,2,0,0,99,1.5,2,\n"
            "DH1,2,5,0,0,96.5,2.6666666666666665,3,\n");
}

TEST(Composite, OptionErrors) {
  auto msg = [](CompositeOptions o) {
    try {
      o.validate({"au"});
    } catch (const Error& e) {
      return e.formatted();
    }
    return std::string();
  };
  EXPECT_EQ(msg(opts(0, 1, ResidualRule::drop)),
            "error[input.bad_option]: composite length is 0 m, expected a length > 0");
  EXPECT_EQ(msg(opts(2, 3, ResidualRule::drop)),
            "error[input.bad_option]: 'min_length_m' is 3, expected at most length_m = 2 (0 = "
            "min(1 m, length_m))");
  CompositeOptions o;
  o.topcuts = {{"ag", 5}};
  EXPECT_EQ(msg(o),
            "error[input.bad_option]: top-cut on 'ag', expected one of the value "
            "columns: au");
  o.topcuts = {{"au", -1}};
  EXPECT_EQ(msg(o),
            "error[input.bad_option]: top-cut of 'au' is -1, expected a cap > 0 (in the column's "
            "unit)");
  o.topcuts = {{"au", 0}};  // a cap of 0 would set every grade to 0: refused like the project
  EXPECT_EQ(msg(o),
            "error[input.bad_option]: top-cut of 'au' is 0, expected a cap > 0 (in the column's "
            "unit)");
  o.topcuts = {{"au", 5}, {"au", 6}};
  EXPECT_EQ(msg(o),
            "error[input.bad_option]: top-cut of 'au' given twice, expected one cap per column");
  try {
    TopCut::parse("au30");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.formatted(),
              "error[input.bad_option]: top-cut is 'au30', expected COLUMN=CAP (e.g. au=30)");
  }
  try {
    parse_residual_rule("keep");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.formatted(),
              "error[input.bad_option]: residual rule is 'keep', expected drop, "
              "merge or redistribute");
  }
}

TEST(Composite, DroppedResidualsAreNotedAndDesurveyMustMatch) {
  Diagnostics diag;
  const auto db = build(kCollars, "", kAssays, declared());
  const auto ds = run_desurvey(db, {}, diag);
  (void)run_compositing(db, ds, opts(2, 1.5, ResidualRule::drop), diag);
  ASSERT_FALSE(diag.items().empty());
  EXPECT_EQ(diag.items().back().formatted(),
            "note[input.residual_dropped]: 2 residuals shorter than 1.5 m left out (2 m, rule "
            "drop)");
  try {
    (void)run_compositing(db, DesurveyResult{}, {}, diag);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.formatted(),
              "error[internal.desurvey_mismatch]: desurvey has 0 holes, the database 1");
  }
}
