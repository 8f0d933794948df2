"""Masking of personal data in text and in log records."""

from __future__ import annotations

import logging

import pytest

from bot.privacy import (
    MaskingFilter,
    install_log_masking,
    mask_business_number,
    mask_email,
    mask_phone,
    mask_text,
)


def test_mask_single_values() -> None:
    assert mask_phone("010-1234-5678") == "010-****-5678"
    assert mask_phone("+82 10 1234 5678") == "010-****-5678"
    assert mask_phone("02-123-4567") == "02-****-4567"
    assert mask_business_number("123-45-67891") == "123-45-*****"
    assert mask_email("hong@example.com") == "h***@example.com"
    assert mask_email("") == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("연락처는 010-1234-5678입니다", "연락처는 010-****-5678입니다"),
        ("01098765432로 주세요", "010-****-5432로 주세요"),
        ("+82 10 9876 5432", "010-****-5432"),
        ("사업자 123-45-67890 이에요", "사업자 123-45-***** 이에요"),
        ("1234567891", "123-45-*****"),  # bare digits only when the checksum holds
        ("주문번호 1234567890", "주문번호 1234567890"),
        ("메일 ceo@startup.co.kr 로", "메일 c***@startup.co.kr 로"),
        ("내일 오후 3시 2026-12-03", "내일 오후 3시 2026-12-03"),
        ("", ""),
    ],
)
def test_mask_text(text: str, expected: str) -> None:
    assert mask_text(text) == expected


def test_filter_masks_formatted_records(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("bizcall.test.privacy")
    caplog.handler.addFilter(MaskingFilter())
    with caplog.at_level(logging.INFO, logger="bizcall.test.privacy"):
        logger.info("user said %s", "제 번호 010-1234-5678, hong@example.com")
    assert caplog.messages == ["user said 제 번호 010-****-5678, h***@example.com"]
    assert "1234-5678" not in caplog.text


def test_process_wide_masking_covers_every_logger(caplog: pytest.LogCaptureFixture) -> None:
    original = logging.getLogRecordFactory()
    try:
        install_log_masking()
        install_log_masking()
        with caplog.at_level(logging.INFO):
            logging.getLogger("rasa.core.processor").info(
                "Received user message '%s'", "010 1234 5678 / 123-45-67891"
            )
        assert caplog.messages == ["Received user message '010-****-5678 / 123-45-*****'"]
    finally:
        logging.setLogRecordFactory(original)


def test_install_is_idempotent() -> None:
    logger = logging.getLogger("bizcall.test.install")
    handler = logging.StreamHandler()
    logger.addHandler(handler)
    try:
        install_log_masking(logger)
        install_log_masking(logger)
        assert sum(isinstance(f, MaskingFilter) for f in handler.filters) == 1
    finally:
        logger.removeHandler(handler)
