// SPDX-License-Identifier: Apache-2.0
// Drillhole tables: aliases, overrides, dip conventions and every validation finding with its
// exact message and file:line:col (columns counted by hand in the inline CSV text).
#include <gtest/gtest.h>

#include <cmath>

#include "drillhole_test_util.hpp"

using namespace lodeline;
using namespace lodeline::drillhole;
using namespace lodeline::drillhole::testing;
using V = std::vector<std::string>;

namespace {

const std::string kCollar = "hole_id,x,y,z,depth\nDH1,0,0,100,50\n";
const std::string kAssay = "hole_id,from,to,au\nDH1,0,2,1.5\n";

}  // namespace

TEST(DrillholeRead, AliasesAndValues) {
  const auto db =
      build("BHID,EAST,NORTH,RL,EOH\nA,10,20,300,40\nB,11,21,301,30\n",
            "DHID,DEPTH,BRG,INCLINATION\nA,0,45,-60\nA,20,50,-55\n",
            "HOLE_ID,FROM,TO,au,cu\nA,0,2,1.5,0.1\nA,2,4,,0.2\nB,0,3,2,0.3\n", declared());
  ASSERT_EQ(db.holes.size(), 2u);
  EXPECT_EQ(db.value_names, (V{"au", "cu"}));
  const Hole& a = db.holes[0];
  EXPECT_EQ(a.collar.hole_id, "A");
  EXPECT_EQ(a.collar.x_m, 10);
  EXPECT_EQ(a.collar.y_m, 20);
  EXPECT_EQ(a.collar.z_m, 300);
  EXPECT_EQ(a.collar.depth_m, 40);
  ASSERT_EQ(a.surveys.size(), 2u);
  EXPECT_EQ(a.surveys[1].at_m, 20);
  EXPECT_EQ(a.surveys[1].azimuth_deg, 50);
  EXPECT_EQ(a.surveys[1].dip_deg, -55);
  ASSERT_EQ(a.intervals.size(), 2u);
  EXPECT_EQ(a.intervals[0].values, (std::vector<double>{1.5, 0.1}));
  EXPECT_TRUE(std::isnan(a.intervals[1].values[0]));  // blank = not sampled, never zero
  EXPECT_EQ(db.report.counts.empty_values, (std::vector<std::size_t>{1, 0}));
  EXPECT_EQ(db.report.counts.intervals, 3u);
  EXPECT_EQ(db.report.counts.interval_length_m, 7.0);
  EXPECT_EQ(findings(db), (V{"collars.csv:3:1: note[input.no_survey]: hole 'B' has no survey, "
                             "taken as vertical (dip -90) from the collar"}));
}

TEST(DrillholeRead, OverridesAndValueColumns) {
  DrillholeOptions o = declared();
  o.columns.depth = "td";
  o.columns.from = "top";
  o.columns.to = "bottom";
  o.value_columns = {"au"};
  const auto db = build("hole_id,x,y,z,td,depth\nDH1,0,0,100,50,7\n", "",
                        "hole_id,top,bottom,au,x\nDH1,0,20,1.5,9\n", o);
  EXPECT_EQ(db.holes[0].collar.depth_m, 50);  // 'td', not the 'depth' alias
  EXPECT_EQ(db.value_names, (V{"au"}));
  EXPECT_EQ(db.holes[0].intervals[0].to_m, 20);
}

TEST(DrillholeRead, MissingColumns) {
  EXPECT_EQ(build_error("hole_id,x,y,z\nDH1,0,0,0\n", "", kAssay),
            "collars.csv:1:1: error[input.missing_column]: no hole depth column in header "
            "[hole_id,x,y,z], expected one of: DEPTH, LENGTH, EOH, TOTAL_DEPTH, MAX_DEPTH");
  DrillholeOptions o;
  o.columns.depth = "td";
  EXPECT_EQ(build_error(kCollar, "", kAssay, o),
            "collars.csv:1:1: error[input.missing_column]: no hole depth column in header "
            "[hole_id,x,y,z,depth], expected one of: td");
  o = {};
  o.value_columns = {"ag"};
  EXPECT_EQ(build_error(kCollar, "", kAssay, o),
            "assays.csv:1:1: error[input.missing_column]: no value column in header "
            "[hole_id,from,to,au], expected one of: ag");
  EXPECT_EQ(build_error("hole_id,x,y,z,depth,azimuth\nDH1,0,0,0,5,10\n", "", kAssay),
            "collars.csv:1:1: error[input.missing_column]: collar table has an azimuth column "
            "'azimuth' but no dip column, expected both azimuth and dip or neither");
}

TEST(DrillholeRead, CollarOrientationIsOneStationSurvey) {
  // The layout of ../shared/data/krige/drillholes/collars.csv.
  const auto db = build("hole_id,x,y,z,azimuth,dip,length\nDH7,1,2,3,132.95,-56.61,266.0\n", "",
                        "hole_id,from,to,au\nDH7,0,2,0.5\n", declared());
  const Hole& h = db.holes[0];
  EXPECT_EQ(h.collar.depth_m, 266.0);
  ASSERT_EQ(h.surveys.size(), 1u);
  EXPECT_TRUE(h.surveys_from_collar);
  EXPECT_EQ(h.surveys[0].at_m, 0);
  EXPECT_EQ(h.surveys[0].azimuth_deg, 132.95);
  EXPECT_EQ(h.surveys[0].dip_deg, -56.61);
  // A survey table entry replaces the collar orientation.
  const auto db2 = build("hole_id,x,y,z,azimuth,dip,length\nDH7,1,2,3,132.95,-56.61,266.0\n",
                         "hole_id,at,azimuth,dip\nDH7,0,10,-80\n",
                         "hole_id,from,to,au\nDH7,0,2,0.5\n", declared());
  ASSERT_EQ(db2.holes[0].surveys.size(), 1u);
  EXPECT_FALSE(db2.holes[0].surveys_from_collar);
  EXPECT_EQ(db2.holes[0].surveys[0].dip_deg, -80);
}

TEST(DrillholeDip, DeclaredConventions) {
  const std::string s = "hole_id,at,azimuth,dip\nDH1,0,10,60\n";
  EXPECT_EQ(
      build(kCollar, s, kAssay, declared(DipConvention::positive_down)).holes[0].surveys[0].dip_deg,
      -60);
  EXPECT_EQ(build(kCollar, s, kAssay, declared(DipConvention::inclination_from_vertical))
                .holes[0]
                .surveys[0]
                .dip_deg,
            -30);
  // negative_down makes dip 60 point upward: refused (below); forced, it is kept as declared.
  EXPECT_EQ(build(kCollar, s, kAssay, forced(declared(DipConvention::negative_down)))
                .holes[0]
                .surveys[0]
                .dip_deg,
            60);
}

// A declared (or guessed) convention under which holes go up: every dip of a surface data set
// points down, so the error names the count, the first dip and the setting to change: the
// convention when most dips contradict it, the dips (or force) when a few do.
TEST(DrillholeDip, DipsPointingUpAreRefused) {
  const std::string all_up = "hole_id,at,azimuth,dip\nDH1,0,10,60\nDH1,20,10,58\n";
  EXPECT_EQ(build_error(kCollar, all_up, kAssay, declared(DipConvention::negative_down)),
            "surveys.csv:2:10: error[input.dip_points_up]: 2 of 2 dips point upward under the "
            "declared dip convention negative_down (first: hole 'DH1', dip 60): the holes would "
            "rise above their collars, expected every hole to go down; set dip_convention "
            "(--dip-convention) to the convention of the data");
  // 1 of 4 upward under the guessed negative_down: a mixed set.
  const std::string mixed =
      "hole_id,at,azimuth,dip\nDH1,0,10,-60\nDH1,10,10,-61\nDH1,20,10,62\nDH1,30,10,-63\n";
  EXPECT_EQ(build_error(kCollar, mixed, kAssay),
            "surveys.csv:4:11: error[input.dip_points_up]: 1 of 4 dips point upward under the "
            "guessed dip convention negative_down (first: hole 'DH1', dip 62): the holes would "
            "rise above their collars, expected every hole to go down; correct the sign of those "
            "dips, or set force to keep holes drilled upward");
  // Under inclination_from_vertical, above 90 points up.
  EXPECT_NE(build_error(kCollar, "hole_id,at,azimuth,dip\nDH1,0,10,120\n", kAssay,
                        declared(DipConvention::inclination_from_vertical))
                .find("error[input.dip_points_up]: 1 of 1 dips"),
            std::string::npos);
  // Horizontal holes (dip 0) are not upward.
  EXPECT_EQ(build_error(kCollar, "hole_id,at,azimuth,dip\nDH1,0,10,0\n", kAssay, declared()), "");
}

TEST(DrillholeDip, GuessedByMajorityWithLoudWarning) {
  const auto neg = build(kCollar, "hole_id,at,azimuth,dip\nDH1,0,10,-60\nDH1,20,10,-58\n", kAssay);
  EXPECT_EQ(neg.report.used_convention, DipConvention::negative_down);
  EXPECT_EQ(findings(neg, "input.dip_convention_guessed"),
            (V{"surveys.csv:1: warning[input.dip_convention_guessed]: DIP CONVENTION GUESSED as "
               "negative_down from 2 of 2 dip values (2 negative, 0 in (45,90], 0 in [0,45) or "
               "(90,180], 0 at 45); declare the convention to make this certain"}));
  const auto pos = build(kCollar, "hole_id,at,azimuth,dip\nDH1,0,10,60\nDH1,20,10,58\n", kAssay);
  EXPECT_EQ(pos.report.used_convention, DipConvention::positive_down);
  EXPECT_EQ(pos.holes[0].surveys[1].dip_deg, -58);
  const auto inc = build(kCollar, "hole_id,at,azimuth,dip\nDH1,0,10,30\nDH1,20,10,32\n", kAssay);
  EXPECT_EQ(inc.report.used_convention, DipConvention::inclination_from_vertical);
  EXPECT_EQ(inc.holes[0].surveys[0].dip_deg, -60);
  // Collar dips vote too (no survey table).
  const auto col = build("hole_id,x,y,z,azimuth,dip,length\nDH1,0,0,0,10,-60,50\n", "", kAssay);
  EXPECT_EQ(findings(col, "input.dip_convention_guessed"),
            (V{"collars.csv:1: warning[input.dip_convention_guessed]: DIP CONVENTION GUESSED as "
               "negative_down from 1 of 1 dip values (1 negative, 0 in (45,90], 0 in [0,45) or "
               "(90,180], 0 at 45); declare the convention to make this certain"}));
  // Declared: no warning.
  EXPECT_TRUE(findings(build(kCollar, "hole_id,at,azimuth,dip\nDH1,0,10,-60\n", kAssay, declared()),
                       "input.dip_convention_guessed")
                  .empty());
}

TEST(DrillholeDip, TieIsAnError) {
  EXPECT_EQ(build_error(kCollar, "hole_id,at,azimuth,dip\nDH1,0,10,-60\nDH1,20,10,60\n", kAssay),
            "surveys.csv:1: error[input.ambiguous_dip_convention]: dip convention cannot be "
            "guessed from 2 dip values (1 negative, 1 in (45,90], 0 in [0,45) or (90,180], 0 at "
            "45), expected it declared (negative_down, positive_down or "
            "inclination_from_vertical)");
}

TEST(DrillholeValidate, DuplicateHole) {
  EXPECT_EQ(build_error("hole_id,x,y,z,depth\nDH1,0,0,100,50\nDH1,5,5,100,40\n", "", kAssay),
            "collars.csv:3:1: error[input.duplicate_hole]: hole 'DH1' is listed again (first at "
            "collars.csv:2:1), expected one collar row per hole");
}

TEST(DrillholeValidate, EmptyIdAndBadCollarNumbers) {
  EXPECT_EQ(
      build_error("hole_id,x,y,z,depth\nDH1,abc,0,100,50\n,0,0,0,5\nDH2,0,0,100,0\n", "", kAssay),
      "collars.csv:2:5: error[input.bad_number]: field 'x' is 'abc', expected a number\n"
      "collars.csv:3:1: error[input.bad_id]: hole id is empty, expected a name\n"
      "collars.csv:4:13: error[input.bad_depth]: hole depth is 0 m, expected a depth > 0");
}

TEST(DrillholeValidate, IntervalsAndSurveysWithoutCollar) {
  EXPECT_EQ(build_error(kCollar, "hole_id,at,azimuth,dip\nDH9,0,0,-90\n",
                        "hole_id,from,to,au\nDH1,0,2,1\nDH9,0,2,1\nDH9,2,4,1\n", declared()),
            "surveys.csv:2:1: error[input.no_collar]: hole 'DH9' has no collar row (1 survey "
            "station), expected it in collars.csv\n"
            "assays.csv:3:1: error[input.no_collar]: hole 'DH9' has no collar row (2 "
            "intervals), expected it in collars.csv");
}

TEST(DrillholeValidate, CollarWithoutData) {
  const auto db = build("hole_id,x,y,z,depth\nDH1,0,0,100,50\nDH2,5,5,100,40\n", "", kAssay);
  EXPECT_EQ(findings(db, "input.collar_without_data"),
            (V{"collars.csv:3:1: warning[input.collar_without_data]: hole 'DH2' has no "
               "intervals in assays.csv"}));
  EXPECT_EQ(db.report.counts.holes_without_data, 1u);
}

TEST(DrillholeValidate, FromNotLessThanToAndNegativeFrom) {
  EXPECT_EQ(build_error(kCollar, "", "hole_id,from,to,au\nDH1,0,2,1\nDH1,4,4,1\nDH1,-1,2,1\n"),
            "assays.csv:3:7: error[input.bad_interval]: interval FROM 4 m TO 4 m, expected FROM "
            "< TO\n"
            "assays.csv:4:5: error[input.bad_depth]: FROM is -1 m, expected a depth >= 0");
}

TEST(DrillholeValidate, Overlap) {
  EXPECT_EQ(build_error(kCollar, "", "hole_id,from,to,au\nDH1,0,2,1\nDH1,1.5,3,1\n"),
            "assays.csv:3:5: error[input.overlap]: interval 1.5-3 m overlaps the previous "
            "interval 0-2 m of hole 'DH1' (assays.csv:2:5), expected intervals not to overlap");
  // Overlap found after sorting by FROM: the later row in the file is the earlier interval.
  EXPECT_EQ(build_error(kCollar, "", "hole_id,from,to,au\nDH1,1.5,3,1\nDH1,0,2,1\n"),
            "assays.csv:2:5: error[input.overlap]: interval 1.5-3 m overlaps the previous "
            "interval 0-2 m of hole 'DH1' (assays.csv:3:5), expected intervals not to overlap");
}

TEST(DrillholeValidate, GapIsUnsampledNotZero) {
  const auto db = build(kCollar, "", "hole_id,from,to,au\nDH1,0,2,1\nDH1,3,5,2\n");
  EXPECT_EQ(findings(db, "input.gap"),
            (V{"assays.csv:3:5: warning[input.gap]: gap from 2 m to 3 m in hole 'DH1' (no "
               "interval), recorded as unsampled"}));
  EXPECT_EQ(db.report.counts.gaps, 1u);
  EXPECT_EQ(db.report.counts.gap_length_m, 1.0);
  ASSERT_EQ(db.holes[0].intervals.size(), 2u);  // nothing inserted for the gap
  EXPECT_EQ(db.report.counts.interval_length_m, 4.0);
}

TEST(DrillholeValidate, ToBeyondDepth) {
  EXPECT_EQ(build_error(kCollar, "", "hole_id,from,to,au\nDH1,48,52,1\n"),
            "assays.csv:2:8: error[input.beyond_depth]: TO is 52 m, beyond the hole depth 50 m "
            "(collars.csv:2:1)");
}

TEST(DrillholeValidate, SurveyBeyondDepthAndDuplicateStation) {
  EXPECT_EQ(build_error(kCollar, "hole_id,at,azimuth,dip\nDH1,0,0,-90\nDH1,0,5,-89\nDH1,60,0,-90\n",
                        kAssay, declared()),
            "surveys.csv:3:5: error[input.duplicate_survey]: survey at 0 m of hole 'DH1' is "
            "listed again (first at surveys.csv:2:5), expected one station per depth\n"
            "surveys.csv:4:5: error[input.survey_beyond_depth]: survey at 60 m is beyond the "
            "hole depth 50 m (collars.csv:2:1)");
}

TEST(DrillholeValidate, NegativeSurveyDepth) {
  EXPECT_EQ(build_error(kCollar, "hole_id,at,azimuth,dip\nDH1,-3,0,-90\n", kAssay, declared()),
            "surveys.csv:2:5: error[input.bad_depth]: survey depth is -3 m, expected a depth >= 0");
}

TEST(DrillholeValidate, AzimuthAndDipRanges) {
  EXPECT_EQ(
      build_error(kCollar, "hole_id,at,azimuth,dip\nDH1,0,360,-60\nDH1,10,-5,-60\nDH1,20,10,-95\n",
                  kAssay, declared()),
      "surveys.csv:2:7: error[input.bad_azimuth]: azimuth is 360 degrees, expected 0 <= "
      "azimuth < 360\n"
      "surveys.csv:3:8: error[input.bad_azimuth]: azimuth is -5 degrees, expected 0 <= "
      "azimuth < 360\n"
      "surveys.csv:4:11: error[input.bad_dip]: dip is -95 degrees, expected -90 to 90 (dip "
      "convention negative_down)");
  EXPECT_EQ(build_error(kCollar, "hole_id,at,azimuth,dip\nDH1,0,10,190\n", kAssay,
                        declared(DipConvention::inclination_from_vertical)),
            "surveys.csv:2:10: error[input.bad_dip]: dip is 190 degrees, expected 0 to 180 (dip "
            "convention inclination_from_vertical)");
  EXPECT_EQ(build_error(kCollar, "hole_id,at,azimuth,dip\nDH1,0,10,95\n", kAssay,
                        declared(DipConvention::positive_down)),
            "surveys.csv:2:10: error[input.bad_dip]: dip is 95 degrees, expected -90 to 90 (dip "
            "convention positive_down)");
}

TEST(DrillholeValidate, SurveyNotAtCollarAndNoSurvey) {
  const auto db = build("hole_id,x,y,z,depth\nDH1,0,0,100,50\nDH2,0,0,100,50\n",
                        "hole_id,at,azimuth,dip\nDH1,10,0,-60\n",
                        "hole_id,from,to,au\nDH1,0,2,1\nDH2,0,2,1\n", declared());
  EXPECT_EQ(findings(db),
            (V{"collars.csv:3:1: note[input.no_survey]: hole 'DH2' has no survey, taken as "
               "vertical (dip -90) from the collar",
               "surveys.csv:2:5: warning[input.survey_not_at_collar]: first survey of hole 'DH1' "
               "is at 10 m, expected one at 0 m; its direction is used from the collar down"}));
  EXPECT_EQ(db.report.counts.holes_without_survey, 1u);
}

TEST(DrillholeValidate, BelowDetectionIsAnErrorByDefault) {
  EXPECT_EQ(build_error(kCollar, "", "hole_id,from,to,au\nDH1,0,2,<0.01\n"),
            "assays.csv:2:9: error[input.below_detection]: field 'au' is '<0.01' (below "
            "detection), expected a number or a below-detection rule (half, zero or value=X)");
}

TEST(DrillholeValidate, BelowDetectionRulesAreCountedAndReported) {
  const std::string a = "hole_id,from,to,au\nDH1,0,2,<0.01\nDH1,2,4,0.5\nDH1,4,6,<0.02\n";
  DrillholeOptions o;
  o.below_detection = BelowDetectionRule::parse("half");
  auto db = build(kCollar, "", a, o);
  EXPECT_EQ(db.holes[0].intervals[0].values[0], 0.005);
  EXPECT_EQ(db.holes[0].intervals[2].values[0], 0.01);
  EXPECT_EQ(db.report.counts.below_detection, (std::vector<std::size_t>{2}));
  EXPECT_EQ(findings(db, "input.below_detection_replaced"),
            (V{"assays.csv:2:9: note[input.below_detection_replaced]: field 'au' is '<0.01' "
               "(below detection), replaced by 0.005 (rule half)",
               "assays.csv:4:9: note[input.below_detection_replaced]: field 'au' is '<0.02' "
               "(below detection), replaced by 0.01 (rule half)"}));
  o.below_detection = BelowDetectionRule::parse("zero");
  db = build(kCollar, "", a, o);
  EXPECT_EQ(db.holes[0].intervals[0].values[0], 0.0);
  o.below_detection = BelowDetectionRule::parse("value=0.002");
  db = build(kCollar, "", a, o);
  EXPECT_EQ(db.holes[0].intervals[2].values[0], 0.002);
  EXPECT_EQ(findings(db, "input.below_detection_replaced")[0],
            "assays.csv:2:9: note[input.below_detection_replaced]: field 'au' is '<0.01' (below "
            "detection), replaced by 0.002 (rule value=0.002)");
}

TEST(DrillholeValidate, NonNumericValue) {
  EXPECT_EQ(build_error(kCollar, "", "hole_id,from,to,au\nDH1,0,2,n.s.\nDH1,2,4,<abc\nDH1,4,6,1\n"),
            "assays.csv:2:9: error[input.bad_number]: field 'au' is 'n.s.', expected a number\n"
            "assays.csv:3:9: error[input.bad_number]: field 'au' is '<abc', expected a number");
}

// Sentinels: -99, -9999 and NS (the default missing_values) are not grades: read as not
// sampled and reported once per column with the count; a negative grade that is no code is an
// error naming both settings. (Read as numbers, one -99 and one -9999 once gave a metal
// balance of -18,192 g/t m and a fitted range of 1e13 m.)
TEST(DrillholeValidate, MissingValueCodesAndNegativeGrades) {
  const std::string a =
      "hole_id,from,to,au\nDH1,0,2,1.5\nDH1,2,4,-99\nDH1,4,6,ns\nDH1,6,8,-9999.0\n";
  const auto db = build(kCollar, "", a, declared());
  ASSERT_EQ(db.holes[0].intervals.size(), 4u);
  EXPECT_EQ(db.holes[0].intervals[0].values[0], 1.5);
  for (std::size_t k = 1; k < 4; ++k) EXPECT_TRUE(std::isnan(db.holes[0].intervals[k].values[0]));
  EXPECT_EQ(db.report.counts.missing_values, (std::vector<std::size_t>{3}));
  EXPECT_EQ(db.report.counts.no_value_length_m, (std::vector<double>{6}));  // 3 x 2 m
  EXPECT_EQ(findings(db, "input.missing_values_read"),
            (V{"assays.csv:3:9: warning[input.missing_values_read]: 3 values of 'au' are "
               "missing-value codes (first: '-99'), read as not sampled; missing_values sets the "
               "codes"}));
  DrillholeOptions none = declared();
  none.missing_values.clear();  // every number is a value: -99 is now a negative grade
  EXPECT_EQ(build_error(kCollar, "", "hole_id,from,to,au\nDH1,0,2,-99\n", none),
            "assays.csv:2:9: error[input.negative_value]: field 'au' is -99, expected a value >= "
            "0; a code for 'no value' belongs in missing_values, a column that may be negative "
            "needs keep_negative_values");
  none.keep_negative_values = true;
  EXPECT_EQ(
      build(kCollar, "", "hole_id,from,to,au\nDH1,0,2,-99\n", none).holes[0].intervals[0].values[0],
      -99);
  EXPECT_NE(build_error(kCollar, "", "hole_id,from,to,au\nDH1,0,2,-0.5\n", declared())
                .find("error[input.negative_value]: field 'au' is -0.5"),
            std::string::npos);
}

// A column with no number in any row (a sample id read as a grade: 2,016 errors once) is one
// error naming the setting, not one per row.
TEST(DrillholeValidate, ColumnWithoutNumbersIsOneError) {
  std::string a = "hole_id,from,to,au,sample_id\n";
  for (int k = 0; k < 30; ++k)
    a += "DH1," + std::to_string(k) + "," + std::to_string(k + 1) + ",1.5,S" + std::to_string(k) +
         "\n";
  try {
    (void)build("hole_id,x,y,z,depth\nDH1,0,0,100,60\n", "", a, declared());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.formatted(),
              "assays.csv:2:13: error[input.not_a_value_column]: column 'sample_id' holds no "
              "number in any of its 30 filled rows (first: field 'sample_id' is 'S0', expected a "
              "number), expected grades: name the value columns (--values / [drillholes] value)");
  }
}

TEST(DrillholeValidate, ManyErrorsAreCountedBeyondTheFirstTwenty) {
  std::string a = "hole_id,from,to,au\n";
  for (int k = 0; k < 25; ++k)
    a += "DH1," + std::to_string(2 * k) + "," + std::to_string(2 * k + 2) + ",x\n";
  a += "DH1,50,52,1.5\n";  // one number: 'au' is a value column with 25 bad values
  try {
    (void)build("hole_id,x,y,z,depth\nDH1,0,0,100,60\n", "", a);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.headline(),
              "assays.csv:2:9: error[input.bad_number]: field 'au' is 'x', expected a number");
    EXPECT_EQ(e.more.size(), 19u);
    EXPECT_EQ(e.total, 25u);
    EXPECT_NE(e.formatted().find("\n... and 5 more errors (25 in all)"), std::string::npos);
  }
}

TEST(DrillholeValidate, ForceGoesOnWithWarnings) {
  Diagnostics diag;
  const auto c = io::CsvTable::parse(kCollar, "collars.csv");
  const auto a = io::CsvTable::parse(
      "hole_id,from,to,au\nDH1,0,2,1\nDH1,1,3,9\nDH1,3,4,n.s.\nDH9,0,1,1\n", "assays.csv");
  const auto db = build_database(c, nullptr, a, forced(), diag);
  ASSERT_EQ(db.holes[0].intervals.size(), 2u);  // the overlapping one left out
  EXPECT_EQ(db.holes[0].intervals[1].from_m, 3);
  EXPECT_TRUE(std::isnan(db.holes[0].intervals[1].values[0]));  // bad value: unsampled
  EXPECT_EQ(db.report.counts.errors, 3u);
  EXPECT_TRUE(db.report.forced);
  EXPECT_EQ(findings(db, "input.overlap"),
            (V{"assays.csv:3:5: warning[input.overlap]: interval 1-3 m overlaps the previous "
               "interval 0-2 m of hole 'DH1' (assays.csv:2:5), expected intervals not to "
               "overlap"}));
  for (const auto& f : db.report.findings) {
    if (f.code != "input.no_survey" && f.code != "input.gap") {
      EXPECT_TRUE(f.forced) << f.code;
    }
  }
  EXPECT_EQ(diag.warning_count(), db.report.counts.warnings);
  EXPECT_GE(diag.warning_count(), 3u);
}

TEST(DrillholeOptionsParse, Messages) {
  auto msg = [](auto f) {
    try {
      f();
    } catch (const Error& e) {
      return e.formatted();
    }
    return std::string();
  };
  EXPECT_EQ(msg([] { parse_dip_convention("down"); }),
            "error[input.bad_option]: dip convention is 'down', expected negative_down, "
            "positive_down, inclination_from_vertical or auto");
  EXPECT_EQ(parse_dip_convention("auto"), DipConvention::detect);
  EXPECT_EQ(msg([] { BelowDetectionRule::parse("value=abc"); }),
            "error[input.bad_option]: below-detection rule is 'value=abc', expected error, half, "
            "zero or value=X (X a number)");
  EXPECT_EQ(msg([] {
              DrillholeOptions o;
              o.value_columns = {"au", "au"};
              o.validate();
            }),
            "error[input.bad_option]: value column 'au' is named twice, expected each once");
}
