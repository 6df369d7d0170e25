import pytest

from storefront.payments import vietqr

ACCOUNT = vietqr.BankAccount(bin="970436", number="0123456789", holder="CHO OCOP", bank_name="VCB")


def test_crc_is_ccitt_false():
    # The standard check value of CRC-16/CCITT-FALSE.
    assert vietqr.crc16_ccitt(b"123456789") == 0x29B1


def test_payload_carries_bank_account_amount_and_order_number():
    code = vietqr.payload(ACCOUNT, 1154000, vietqr.transfer_note("100001"))
    fields = vietqr.parse(code)
    assert fields["00"] == "01"
    assert fields["01"] == "12"  # dynamic: one payment of one amount
    assert fields["53"] == "704"  # VND
    assert fields["54"] == "1154000"  # whole đồng, no decimals
    assert fields["58"] == "VN"
    merchant = vietqr.parse_nested(fields["38"])
    assert merchant["00"] == "A000000727"
    assert vietqr.parse_nested(merchant["01"]) == {"00": "970436", "01": "0123456789"}
    assert merchant["02"] == "QRIBFTTA"
    assert vietqr.parse_nested(fields["62"]) == {"08": "OCOP 100001"}


def test_a_changed_amount_breaks_the_crc():
    code = vietqr.payload(ACCOUNT, 150000, "OCOP 1")
    with pytest.raises(ValueError):
        vietqr.parse(code.replace("150000", "15000 "))


def test_note_keeps_only_what_banks_carry():
    assert vietqr.transfer_note("10-0/0Đ1") == "OCOP 10001"


@pytest.mark.parametrize(
    "account, amount",
    [
        (vietqr.BankAccount("97043", "1", "x", "x"), 1),
        (vietqr.BankAccount("970436", "01234-56", "x", "x"), 1),
        (ACCOUNT, 0),
    ],
)
def test_bad_configuration_is_refused(account, amount):
    with pytest.raises(ValueError):
        vietqr.payload(account, amount, "OCOP 1")


def test_qr_image_is_svg():
    assert vietqr.svg(vietqr.payload(ACCOUNT, 1000, "OCOP 1")).lstrip().startswith(b"<?xml")


def test_misconfigured_account_is_reported_at_start_up(settings):
    from storefront.payments.checks import check_payment_settings

    assert check_payment_settings(None) == []
    settings.VIETQR_BANK_BIN = "97043X"
    assert [p.id for p in check_payment_settings(None)] == ["payments.E001"]


def test_half_configured_stripe_is_reported(settings):
    from storefront.payments.checks import check_payment_settings

    settings.STRIPE_SECRET_KEY = "sk_test_x"
    assert [p.id for p in check_payment_settings(None)] == ["payments.W001"]
