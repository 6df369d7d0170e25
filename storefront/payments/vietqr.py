"""VietQR (NAPAS) bank-transfer codes: an EMVCo merchant-presented QR payload.

Any Vietnamese banking app scans it and fills in the bank, account, amount and the note;
the note carries the order number so staff can match the transfer to the order.
Layout (EMVCo MPM with NAPAS's tag 38):
  00 format "01" · 01 "12" (dynamic: one amount, one payment) ·
  38 { 00 "A000000727" (NAPAS) · 01 { 00 bank BIN · 01 account } · 02 "QRIBFTTA" } ·
  53 "704" (VND) · 54 amount · 58 "VN" · 62 { 08 note } · 63 CRC-16/CCITT-FALSE
"""

import io
import re
from dataclasses import dataclass

from django.conf import settings

NAPAS_GUID = "A000000727"
TRANSFER_TO_ACCOUNT = "QRIBFTTA"


def tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValueError(f"VietQR field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def crc16_ccitt(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), as EMVCo requires."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


@dataclass(frozen=True)
class BankAccount:
    bin: str
    number: str
    holder: str
    bank_name: str

    @classmethod
    def from_settings(cls):
        return cls(
            bin=settings.VIETQR_BANK_BIN,
            number=settings.VIETQR_ACCOUNT_NUMBER,
            holder=settings.VIETQR_ACCOUNT_NAME,
            bank_name=settings.VIETQR_BANK_NAME,
        )


def transfer_note(order_number: str) -> str:
    """Banks keep only ASCII letters and digits reliably in the note."""
    return re.sub(r"[^A-Za-z0-9 ]", "", f"OCOP {order_number}")[:25]


def payload(account: BankAccount, amount: int, note: str) -> str:
    if not re.fullmatch(r"\d{6}", account.bin):
        raise ValueError("A bank BIN has 6 digits")
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", account.number):
        raise ValueError("An account number has 1 to 19 letters or digits")
    if amount <= 0:
        raise ValueError("The amount must be positive")
    merchant = (
        tlv("00", NAPAS_GUID)
        + tlv("01", tlv("00", account.bin) + tlv("01", account.number))
        + tlv("02", TRANSFER_TO_ACCOUNT)
    )
    body = (
        tlv("00", "01")
        + tlv("01", "12")
        + tlv("38", merchant)
        + tlv("53", "704")
        + tlv("54", str(int(amount)))
        + tlv("58", "VN")
        + tlv("62", tlv("08", note))
        + "6304"
    )
    return body + f"{crc16_ccitt(body.encode('ascii')):04X}"


def parse(code: str) -> dict[str, str]:
    """Split a payload into its top-level fields after checking the CRC (to read a code
    back, e.g. in tests or when staff check what a buyer scanned)."""
    if f"{crc16_ccitt(code[:-4].encode('ascii')):04X}" != code[-4:]:
        raise ValueError("Bad CRC")
    return parse_nested(code)


def parse_nested(code: str) -> dict[str, str]:
    fields, i = {}, 0
    while i < len(code):
        tag, length = code[i : i + 2], int(code[i + 2 : i + 4])
        fields[tag] = code[i + 4 : i + 4 + length]
        i += 4 + length
    return fields


def order_payload(order) -> str:
    return payload(BankAccount.from_settings(), order.total_vnd, transfer_note(order.number))


def svg(data: str) -> bytes:
    import segno

    out = io.BytesIO()
    segno.make(data, error="m", micro=False).save(out, kind="svg", scale=6, border=4)
    return out.getvalue()


def png(data: str) -> bytes:
    """The code as a picture to save: a banking app on the same phone reads a QR from the
    gallery, not from its own screen. Large modules and a white border scan reliably."""
    import segno

    out = io.BytesIO()
    segno.make(data, error="m", micro=False).save(out, kind="png", scale=10, border=4)
    return out.getvalue()
