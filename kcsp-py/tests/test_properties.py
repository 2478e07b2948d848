"""Property tests with hypothesis."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import kcsp

SEATED = ["kent_county_council", "kent_police", "office_of_the_pcc", "district_borough_councils",
          "kent_fire_and_rescue", "nhs_kent_and_medway", "probation_service"]
OTHERS = ["violence_reduction_unit", "guest", "local_csp_chair"]

pence = st.integers(min_value=0, max_value=10**13).map(lambda p: Decimal(p) / 100)


@settings(max_examples=200, deadline=None)
@given(pence)
def test_split_sums_to_allocation(a: Decimal) -> None:
    s = kcsp.grant_split(a)
    assert s.upfront + s.tactical == a
    assert s.upfront == s.upfront.to_integral_value()
    assert s.upfront * 3 <= a * 2 < (s.upfront + 1) * 3


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SEATED + OTHERS), max_size=12), st.sampled_from(SEATED + OTHERS))
def test_adding_an_attendee_never_breaks_quorum(present: list[str], extra: str) -> None:
    d = date(2024, 7, 4)
    before = kcsp.quorum("kcsp", d, present)
    after = kcsp.quorum("kcsp", d, present + [extra])
    assert after.count >= before.count
    assert after.quorate or not before.quorate


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1979, 1, 1), max_value=date(2198, 12, 1)), st.integers(min_value=0, max_value=40))
def test_clear_days_equal_working_days_between(start: date, gap: int) -> None:
    end = start + timedelta(days=gap)
    p = kcsp.papers_deadline(end, circulated=start)
    expected = sum(kcsp.working_day(start + timedelta(days=k)).working_day for k in range(1, gap))
    assert p.clear_working_days == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_money_text_never_escapes_as_anything_but_a_kcsp_error(text: str) -> None:
    try:
        s = kcsp.grant_split(text)
    except kcsp.KcspError as e:
        assert e.code in kcsp.ERROR_CODES
    else:
        assert s.allocation == Decimal(text.strip())
