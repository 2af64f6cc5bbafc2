"""The operations model on a system archkit did not design: Online Boutique, written from its
public description (tests/fixtures/online-boutique.yaml). Before operations, `--without ad` gave
0% availability for the whole shop and browsing was charged with the payment path."""

from __future__ import annotations

from pathlib import Path

import pytest

import archkit

BOUTIQUE = Path(__file__).resolve().parents[1] / "fixtures" / "online-boutique.yaml"


@pytest.fixture(scope="module")
def boutique() -> archkit.Architecture:
    return archkit.load(BOUTIQUE)


def test_without_the_ad_service_browsing_stays_available(boutique: archkit.Architecture) -> None:
    before, after = archkit.analyze(boutique), archkit.analyze(boutique, without=["ad"])
    for op in ("frontend.home", "frontend.product"):
        assert after.operations[op].availability == pytest.approx(before.operations[op].availability)
        assert after.operations[op].availability > 99.0
        assert "ad" in before.operations[op].optional
        # the ad call still took time: without it the page is faster
        assert after.operations[op].latency_mean < before.operations[op].latency_mean
    assert after.journeys["shopper"].availability == pytest.approx(before.journeys["shopper"].availability)


def test_browsing_is_not_charged_with_the_payment_path(boutique: archkit.Architecture) -> None:
    result = archkit.analyze(boutique)
    home = result.operations["frontend.home"]
    checkout = result.operations["frontend.checkout"]
    assert not {"payment", "email", "shipping", "checkout"} & set(home.dependencies)
    assert {"payment", "email", "shipping", "checkout"} <= set(checkout.dependencies)
    assert checkout.availability < home.availability
    # the journey is the traffic-weighted mix of what the shopper calls
    mix = sum(o.rps * o.availability for o in result.operations.values() if o.entry) / 300.0
    assert result.journeys["shopper"].availability == pytest.approx(mix, rel=1e-9)


def test_nine_currency_lookups_on_the_home_page_are_counted(boutique: archkit.Architecture) -> None:
    result = archkit.analyze(boutique)
    convert = result.operations["currency.convert"]
    # home 135 rps × 9 + product 105 × 1 + checkout 15 × 4
    assert convert.rps == pytest.approx(135 * 9 + 105 + 15 * 4)


def test_the_email_inside_checkout_is_flagged(boutique: archkit.Architecture) -> None:
    review = archkit.check(boutique, select=["REL014"])
    assert [(f.rule, f.components) for f in review.findings] == [("REL014", ("email",))]
    assert "frontend.checkout" in review.findings[0].message
