import binascii

import pytest

from storefront.payments import vietqr

ACCOUNT = vietqr.BankAccount(bin="970436", number="0123456789", holder="CHO OCOP", bank_name="VCB")


# Codes made by payOS (pay.payos.vn) for real 7.000 ₫ and 15.000 ₫ bank transfers, as
# saved in a public project's database; their CRCs check out with binascii below.
PAYOS_7000 = (
    "00020101021238570010A000000727012700069704220113VQRQADAIJ5512"
    "0208QRIBFTTA5303704540470005802VN62120808TL89 1006304E346"
)
PAYOS_15000 = (
    "00020101021238570010A000000727012700069704220113VQRQADHSO9744"
    "0208QRIBFTTA53037045405150005802VN62130809TL116 1006304D4DB"
)


def reference_crc(text):
    """CRC-16/CCITT-FALSE from the standard library, not from the module under test."""
    return f"{binascii.crc_hqx(text.encode('ascii'), 0xFFFF):04X}"


def read_tlv(text):
    """EMVCo tag-length-value, read here independently of vietqr.parse."""
    fields = {}
    while text:
        tag, length = text[:2], int(text[2:4])
        assert len(text) >= 4 + length, "a field runs past the end"
        fields[tag] = text[4 : 4 + length]
        text = text[4 + length :]
    return fields


def test_crc_is_ccitt_false():
    # The standard check value of CRC-16/CCITT-FALSE, and the standard library agrees.
    assert vietqr.crc16_ccitt(b"123456789") == 0x29B1
    assert binascii.crc_hqx(b"123456789", 0xFFFF) == 0x29B1
    for code in (PAYOS_7000, PAYOS_15000):
        assert f"{vietqr.crc16_ccitt(code[:-4].encode()):04X}" == code[-4:]


@pytest.mark.parametrize(
    "account, amount, note, published",
    [
        ("VQRQADAIJ5512", 7000, "TL89 100", PAYOS_7000),
        ("VQRQADHSO9744", 15000, "TL116 100", PAYOS_15000),
    ],
    ids=["7000", "15000"],
)
def test_payload_is_the_same_as_a_published_napas_code(account, amount, note, published):
    assert reference_crc(published[:-4]) == published[-4:]
    bank = vietqr.BankAccount(bin="970422", number=account, holder="x", bank_name="MB")
    assert vietqr.payload(bank, amount, note) == published


def test_payload_carries_bank_account_amount_and_order_number():
    code = vietqr.payload(ACCOUNT, 1154000, vietqr.transfer_note("100001"))
    assert code[-8:-4] == "6304"  # the CRC is the last field and covers its own tag
    assert reference_crc(code[:-4]) == code[-4:]
    fields = read_tlv(code)
    assert list(fields) == ["00", "01", "38", "53", "54", "58", "62", "63"]
    assert fields["00"] == "01"
    assert fields["01"] == "12"  # dynamic: one payment of one amount
    assert fields["53"] == "704"  # VND
    assert fields["54"] == "1154000"  # whole đồng, no decimals
    assert fields["58"] == "VN"
    merchant = read_tlv(fields["38"])
    assert merchant == {
        "00": "A000000727",
        "01": "0006970436" + "01100123456789",
        "02": "QRIBFTTA",
    }
    assert read_tlv(merchant["01"]) == {"00": "970436", "01": "0123456789"}
    assert read_tlv(fields["62"]) == {"08": "OCOP 100001"}


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
