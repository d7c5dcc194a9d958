// Unit tests of compiler/model: exact decimals and unit conversion.
#include "compiler/model/decimal.h"
#include "compiler/model/model.h"

#include <doctest/doctest.h>

using namespace budc;

static Decimal D(const char *S) {
  auto V = Decimal::parse(S);
  REQUIRE(V);
  return *V;
}

TEST_CASE("parse keeps four decimals exactly and refuses more") {
  CHECK(D("1754.54").raw() == 17545400);
  CHECK(D("0").raw() == 0);
  CHECK(D("-0.0001").raw() == -1);
  CHECK(D("1.50000").raw() == 15000); // extra zeros are fine
  Decimal::ParseError E;
  CHECK_FALSE(Decimal::parse("1.00001", &E));
  CHECK(E == Decimal::ParseError::TooPrecise);
  CHECK_FALSE(Decimal::parse("1.", &E));
  CHECK(E == Decimal::ParseError::Malformed);
  CHECK_FALSE(Decimal::parse("12a", &E));
  CHECK(E == Decimal::ParseError::Malformed);
  CHECK_FALSE(Decimal::parse("922337203685478", &E)); // × 10^4 overflows int64
  CHECK(E == Decimal::ParseError::Overflow);
  CHECK(Decimal::parse("922337203685477"));
}

TEST_CASE("parseTimes multiplies before it judges precision") {
  Decimal TenThousand = D("10000");
  // 0.000001万元 is 0.01元: exact, although it has six decimals itself.
  auto A = Decimal::parseTimes("0.000001", TenThousand);
  REQUIRE(A);
  CHECK(A->toString() == "0.01");
  CHECK(Decimal::parseTimes("1754.54", TenThousand)->toString() == "17545400");
  Decimal::ParseError E;
  CHECK_FALSE(Decimal::parseTimes("0.000000001", TenThousand, &E)); // 0.00001元
  CHECK(E == Decimal::ParseError::TooPrecise);
  CHECK_FALSE(Decimal::parseTimes("99999999999999999", TenThousand, &E));
  CHECK(E == Decimal::ParseError::Overflow);
}

TEST_CASE("addition and multiplication check for overflow") {
  Decimal Max = Decimal::fromRaw(INT64_MAX);
  CHECK_FALSE(Max.add(Decimal::fromRaw(1)));
  CHECK_FALSE(Decimal::fromRaw(INT64_MIN).sub(Decimal::fromRaw(1)));
  CHECK_FALSE(Max.mulInt(2));
  CHECK_FALSE(Max.mul(D("2")));
  CHECK(D("1.5").add(D("2.25"))->toString() == "3.75");
  CHECK(D("3.3").mul(D("16"))->toString() == "52.8");
  CHECK_FALSE(Decimal::fromInt(INT64_MAX / 100));
}

TEST_CASE("rounding is half-up, away from zero, as finance tables print") {
  CHECK(D("2.345").toString(2) == "2.35");
  CHECK(D("2.344").toString(2) == "2.34");
  CHECK(D("-2.345").toString(2) == "-2.35");
  CHECK(D("0.005").toString(2) == "0.01");
  CHECK(D("0.0049").toString(2) == "0.00");
  CHECK(D("11.8").toString(2) == "11.80");
  CHECK(D("1754.54").toString(0) == "1755");
  CHECK(D("1754.5").round(0) == D("1755"));
  bool Exact;
  CHECK(D("1").div(D("3"), &Exact)->toString() == "0.3333");
  CHECK_FALSE(Exact);
  CHECK(D("2").div(D("3"))->toString() == "0.6667");
  CHECK(D("52.8").div(D("16"), &Exact)->toString() == "3.3");
  CHECK(Exact);
  CHECK_FALSE(D("1").div(D("0")));
}

TEST_CASE("toString without places gives the shortest exact spelling") {
  CHECK(D("16").toString() == "16");
  CHECK(D("0.50").toString() == "0.5");
  CHECK(D("-0.0001").toString() == "-0.0001");
}

TEST_CASE("units convert along their chain exactly") {
  model::UnitTable T;
  REQUIRE(T.add({"元", model::Dimension::Money, "", Decimal(), {}}));
  REQUIRE(T.add({"万元", model::Dimension::Money, "元", D("10000"), {}}));
  REQUIRE(T.add({"亿元", model::Dimension::Money, "万元", D("10000"), {}}));
  REQUIRE(T.add({"月", model::Dimension::Duration, "", Decimal(), {}}));
  REQUIRE(T.add({"年", model::Dimension::Duration, "月", D("12"), {}}));
  CHECK_FALSE(T.add({"元", model::Dimension::Money, "", Decimal(), {}})); // no redefinition
  std::string Root;
  CHECK(T.toRoot("亿元", D("1.5"), Root)->toString() == "150000000");
  CHECK(Root == "元");
  CHECK(T.toRoot("年", D("2"), Root)->toString() == "24");
  CHECK(Root == "月");
  CHECK(T.toRoot("元", D("3"), Root)->toString() == "3");
  CHECK(T.find("万元")->Dim == model::Dimension::Money);
  CHECK_FALSE(T.find("万"));
}

TEST_CASE("names are compared without bracket width and spaces") {
  CHECK(model::normaliseName("政府办公厅(室)及相关机构事务") ==
        model::normaliseName("政府办公厅（室）及相关机构事务"));
  CHECK(model::normaliseName("维修 (护) 费") == "维修（护）费");
  CHECK(model::normaliseName("行政　运行") == "行政运行");
}

TEST_CASE("scaling by a unit is exact up to the edge of the range and refused beyond it") {
  // Factors of 元, 千元, 万元 and 亿元 in ten-thousandths of a 元, and the largest amount of each.
  struct Unit {
    int64_t Factor;
    const char *Largest, *Beyond;
  } Units[] = {
      {10000, "922337203685477.5807", "922337203685477.5808"},
      {10000000, "922337203685.4775807", "922337203685.4775808"},
      {100000000, "92233720368.54775807", "92233720368.54775808"},
      {1000000000000, "9223372.036854775807", "9223372.036854775808"},
  };
  for (const Unit &U : Units) {
    CAPTURE(U.Factor);
    Decimal F = Decimal::fromRaw(U.Factor);
    auto Largest = Decimal::parseTimes(U.Largest, F);
    REQUIRE(Largest);
    CHECK(Largest->raw() == INT64_MAX);
    auto Negative = Decimal::parseTimes(std::string("-") + U.Largest, F);
    REQUIRE(Negative);
    CHECK(Negative->raw() == -INT64_MAX);
    Decimal::ParseError E;
    CHECK_FALSE(Decimal::parseTimes(U.Beyond, F, &E));
    CHECK(E == Decimal::ParseError::Overflow);
    CHECK_FALSE(Decimal::parseTimes(std::string("-") + U.Beyond, F, &E));
    CHECK(E == Decimal::ParseError::Overflow);
    // Far beyond: the product of digits and factor would not fit in 128 bits.
    CHECK_FALSE(Decimal::parseTimes("340282366920938463463374608", F, &E));
    CHECK(E == Decimal::ParseError::Overflow);
    CHECK_FALSE(Decimal::parseTimes("9999999999999999999.9999999999999999999", F, &E));
    CHECK(E == Decimal::ParseError::Overflow);
  }
  // A unit price: 元 per person in a factor that is no power of ten (a workspace's own unit).
  Decimal Odd = Decimal::fromRaw(12345);
  CHECK(Decimal::parseTimes("0.2", Odd)->raw() == 2469);
  Decimal::ParseError E;
  CHECK_FALSE(Decimal::parseTimes("0.3", Odd, &E)); // 3703.5 ten-thousandths
  CHECK(E == Decimal::ParseError::TooPrecise);
  CHECK_FALSE(Decimal::parseTimes("1", Decimal::fromRaw(0), &E));
}

TEST_CASE("leading zeros do not count against the digits; a long fraction is too precise") {
  Decimal Wan = Decimal::fromRaw(100000000);
  std::string Zeros(60, '0');
  CHECK(Decimal::parseTimes(Zeros + "1.50", Wan)->toString() == "15000");
  CHECK(Decimal::parseTimes("0." + Zeros, Wan)->isZero());
  CHECK(Decimal::parseTimes("1." + Zeros, Wan)->toString() == "10000");
  Decimal::ParseError E;
  CHECK_FALSE(Decimal::parseTimes("0." + Zeros + "1", Wan, &E));
  CHECK(E == Decimal::ParseError::TooPrecise);
  CHECK_FALSE(Decimal::parseTimes("1" + Zeros, Wan, &E));
  CHECK(E == Decimal::ParseError::Overflow);
  // 2^27 / 10^27 × 5^27 ten-thousandths is one: a fraction of 27 digits can still be exact.
  auto One = Decimal::parseTimes("0.000000000000000000134217728", Decimal::fromRaw(7450580596923828125), &E);
  REQUIRE(One);
  CHECK(One->raw() == 1);
  CHECK_FALSE(Decimal::parseTimes("0.0000000000000000001342177280001", Decimal::fromRaw(7450580596923828125), &E));
  CHECK(E == Decimal::ParseError::TooPrecise);
}

TEST_CASE("the range is symmetric: negation and absolute values never wrap") {
  Decimal Max = Decimal::fromRaw(INT64_MAX);
  Decimal Min = Max.negate();
  CHECK(Min.abs() == Max);
  CHECK_FALSE(Min.sub(Decimal::fromRaw(1)));
  CHECK_FALSE(Min.add(Decimal::fromRaw(-1)));
  CHECK_FALSE(Decimal::fromRaw(-1).mulInt(INT64_MAX)->sub(Decimal::fromRaw(1)));
  CHECK_FALSE(Decimal::parse("-922337203685477.5808"));
  // Rounding the largest values goes past int64 only in 128 bits.
  CHECK(Max.toString(2) == "922337203685477.58");
  CHECK(Max.toString(0) == "922337203685478");
  CHECK(Min.toString(0) == "-922337203685478");
  CHECK_FALSE(Max.round(0));
  CHECK(Max.round(2)->raw() == 9223372036854775800);
}

#include "compiler/model/amount.h"

TEST_CASE("amounts in a unit round exactly, half-up, at the precision written") {
  Decimal Wan = D("10000"), Yuan = D("1");
  // 26,159,863元 is 2,616万元 with no decimals, 2,615.99万元 with two.
  CHECK(model::inUnit(D("26159863"), Wan, 0)->toString() == "2616");
  CHECK(model::inUnit(D("26159863"), Wan, 2)->toString() == "2615.99");
  // 108,015元 is 10.80万元: half-up on the exact value, not on a value rounded to 4 places.
  CHECK(model::inUnit(D("108015"), Wan, 2)->toString() == "10.8");
  CHECK(model::inUnit(D("108014.99"), Wan, 2)->toString() == "10.8");
  CHECK(model::inUnit(D("107949.99"), Wan, 2)->toString() == "10.79");
  CHECK(model::inUnit(D("-27065"), Wan, 2)->toString() == "-2.71");
  CHECK_FALSE(model::inUnit(D("1"), D("0"), 2));
  CHECK(model::spell(D("26159863"), 0, true) == "26,159,863");
  CHECK(model::spell(D("-1234.5"), 2, true) == "-1,234.50");
  CHECK(model::halfPlace(Wan, 2)->toString() == "50");
  CHECK(model::halfPlace(Yuan, 0)->toString() == "0.5");
  CHECK_FALSE(model::halfPlace(Yuan, 4)); // finer than budc keeps: exact
  model::AmountFormat F{Wan, "万元", 2, false, true};
  CHECK(*F.show(D("5525000")) == "552.5万元");
  CHECK(*F.show(D("3880000")) == "388万元");
  CHECK(*F.number(D("0")) == "0");
  model::AmountFormat G{Wan, "万元", 0, true, false};
  CHECK(*G.number(D("26159863")) == "2,616");
}
