"""End to end: both real servers on free ports, a Korean conversation over REST.

Starts the action server, the Rasa server (with the model ``make`` trained) and the
chat page exactly as ``make run`` does, against a fresh database loaded from the
catalogue, and checks that answers carry text that comes from that database.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import zlib
from pathlib import Path
from urllib.parse import quote

import jwt
import pytest
import yaml

from bot.booking import queries
from bot.booking.status import CANCELLED
from bot.catalog.queries import get_program
from bot.db import session_scope
from bot.rasa_auth import rasa_headers
from bot.runner import Stack, say
from bot.settings import ROOT
from tests.support.booking import call
from tests.support.console import add_staff

pytestmark = pytest.mark.e2e


@pytest.fixture()
def stack(day_stack: Stack) -> Stack:
    """The session's Tuesday-morning stack (``tests/conftest.py``), shared with the browser."""
    return day_stack


@pytest.fixture()
def db(stack: Stack) -> str:
    return stack.settings.database_url


def _texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def _response_text(name: str) -> str:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return domain["responses"][name][0]["text"]


def test_program_question_is_answered_from_the_database(stack: Stack, db: str) -> None:
    with session_scope(db) as session:
        program = get_program(program_id="youth-job-academy", session=session)
        target, team = program.target, program.team.name

    assert _texts(say(stack, "e2e-1", "안녕하세요")) == _response_text("utter_greet")
    answer = _texts(say(stack, "e2e-1", "청년취업사관학교 신청 자격이 뭐예요?"))
    assert target in answer
    follow_up = _texts(say(stack, "e2e-1", "담당 부서는요?"))
    assert team in follow_up


def test_changed_database_text_shows_in_the_answer(stack: Stack, db: str) -> None:
    # Proof that the answer is read from the database at question time, not from the model.
    with session_scope(db) as session:
        get_program(
            program_id="seoul-rnd", session=session
        ).target = "테스트용 대상: 서울 소재 시험 기업"
    answer = _texts(say(stack, "e2e-2", "서울형 R&D 지원 대상이 어떻게 되나요?"))
    assert "테스트용 대상: 서울 소재 시험 기업" in answer


def test_parent_budgets_add_up_and_old_schedules_say_so(stack: Stack) -> None:
    budget = _texts(say(stack, "e2e-16a", "도시제조업 활성화 예산이 얼마예요?"))
    assert "하위 사업을 포함해 모두 약 56억 8,143만원입니다" in budget
    assert "광역소공인특화지원센터 운영: 약 47억 3,143만원" in budget
    assert "금천 의류제조업 집적지구 활성화: 약 9억 5,000만원" in budget
    results = _texts(say(stack, "e2e-16b", "고용지원 실적 알려줘"))
    assert "서울기업 복지더하기: 225개사" in results
    when = _texts(say(stack, "e2e-16c", "청년취업사관학교 모집 언제 해요?"))
    assert "2022년 업무보고 당시의 계획" in when
    assert "교육1팀에 확인해 주세요" in when


def test_an_admin_edit_through_the_api_shows_in_the_next_answer(stack: Stack, db: str) -> None:
    from bot import clock
    from bot.console import auth

    add_staff("catalog.admin", "correct horse battery", "admin", url=db)
    token = call(auth.issue_api_token, username="catalog.admin", days=1, now=clock.now(), url=db)
    body = {
        "values": {"schedule": "2027년 1차 모집: 2027년 2월 2일~2월 27일."},
        "as_of": "2026-11-30",
        "note": "2027년 모집 공고 반영",
    }
    request = urllib.request.Request(
        f"{stack.web_url}/api/programs/seoul-award",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="PATCH",
    )
    with urllib.request.urlopen(request, timeout=30) as resp:
        assert resp.status == 200
    answer = _texts(say(stack, "e2e-16d", "서울어워드 일정 알려주세요"))
    assert "2027년 1차 모집: 2027년 2월 2일~2월 27일." in answer
    assert "2026년 11월 30일 담당자가 확인한 일정입니다" in answer
    history = urllib.request.Request(
        f"{stack.web_url}/api/programs/seoul-award/history",
        headers={"Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(history, timeout=30) as resp:
        [change] = json.loads(resp.read())["items"]
    assert (change["note"], change["as_of"]) == ("2027년 모집 공고 반영", "2026-11-30")


def test_consultation_request_names_the_field(stack: Stack) -> None:
    answer = _texts(say(stack, "e2e-3", "노무 상담 받고 싶어요"))
    assert "노무 분야 전문가 상담" in answer


def test_consultation_without_field_offers_buttons(stack: Stack) -> None:
    replies = say(stack, "e2e-4", "전문가 상담 받고 싶어요")
    buttons = [b["title"] for r in replies for b in r.get("buttons", [])]
    assert "노무" in buttons and "세무" in buttons


@pytest.mark.parametrize(
    "message",
    [
        "ㅋㅋㅋ",
        "😀😀😀",
        "<script>alert(1)</script>",
        "'; DROP TABLE programs;--",
        "가나다 " * 2000,
        "우주선 발사 사업 알려줘",
    ],
)
def test_odd_input_gets_a_polite_reply(stack: Stack, message: str) -> None:
    # One conversation each: two misunderstood messages in a row hand a conversation
    # to a person, and the bot then stays silent.
    replies = say(stack, f"e2e-odd-{zlib.crc32(message.encode())}", message)
    text = _texts(replies)
    assert text.strip(), f"no reply to {message[:20]!r}"
    assert "Traceback" not in text and "Exception" not in text


def test_demo_page_widget_and_socketio_are_served(stack: Stack) -> None:
    with urllib.request.urlopen(f"{stack.web_url}/", timeout=10) as resp:
        page = resp.read().decode()
    assert "서울비즈콜" in page and "/widget/bizcall-widget.js" in page
    with urllib.request.urlopen(f"{stack.web_url}/widget/bizcall-widget.js", timeout=10) as resp:
        assert "session_request" in resp.read().decode()
    with urllib.request.urlopen(f"{stack.web_url}/config.json", timeout=10) as resp:
        assert json.loads(resp.read())["rasaUrl"] == stack.rasa_url
    sio = f"{stack.rasa_url}/socket.io/?EIO=4&transport=polling"
    with urllib.request.urlopen(sio, timeout=10) as resp:
        assert b"sid" in resp.read()


def _status(stack: Stack, query: str = "", headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(f"{stack.rasa_url}/status{query}", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_rasa_http_api_wants_a_fresh_signed_header_and_never_a_url_token(stack: Stack) -> None:
    secret = stack.rasa_token
    expired = jwt.encode(
        {"user": {"username": "x", "role": "admin"}, "exp": 1_000_000_000},
        secret,
        algorithm="HS256",
    )
    assert _status(stack, headers=rasa_headers(secret)) == 200
    assert _status(stack) == 401
    assert _status(stack, f"?token={quote(secret)}") == 401  # the secret is useless in a URL
    other = "not-the-secret-though-just-as-long-0123456789"
    assert _status(stack, headers=rasa_headers(other)) == 401
    assert _status(stack, headers={"Authorization": f"Bearer {expired}"}) == 401


def test_servers_listen_on_loopback_only(stack: Stack) -> None:
    for name in ("rasa", "actions", "web"):
        log = Path(stack.log_dir / f"{name}.log")
        assert "0.0.0.0" not in log.read_text(errors="replace"), f"{name} bound to all interfaces"


def test_labor_story_is_routed_to_a_labor_consultation(stack: Stack) -> None:
    story = "직원이 한 달째 안 나오다가 밀린 월급이랑 퇴직금을 달래요"
    answer = _texts(say(stack, "e2e-labor", story))
    assert "노무 분야 전문가 상담" in answer


def test_described_need_finds_the_program_in_the_catalogue(stack: Stack) -> None:
    answer = _texts(say(stack, "e2e-coding", "청년들 코딩 공짜로 가르쳐주는 데 어디예요"))
    assert "청년취업사관학교" in answer


def test_out_of_scope_near_miss_is_declined_politely(stack: Stack) -> None:
    answer = _texts(say(stack, "e2e-oos", "전세 사기 당했는데 집주인 고소하려면 어떻게 해요"))
    assert answer == _response_text("utter_out_of_scope")


TIME_PAYLOAD = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")


def _buttons(replies: list[dict]) -> list[dict]:
    return [b for r in replies for b in r.get("buttons", [])]


def _tracker_slots(stack: Stack, sender: str) -> dict:
    url = f"{stack.rasa_url}/conversations/{sender}/tracker"
    request = urllib.request.Request(url, headers=rasa_headers(stack.rasa_token))
    with urllib.request.urlopen(request, timeout=30) as resp:
        return json.loads(resp.read())["slots"]


def _answer_time(stack: Stack, sender: str, text: str) -> list[dict]:
    """Say a time; if the bot offers free times instead, take the first one."""
    replies = say(stack, sender, text)
    offered = [b["payload"] for b in _buttons(replies) if TIME_PAYLOAD.match(b["payload"])]
    return say(stack, sender, offered[0]) if offered else replies


def _expect_each(stack: Stack, sender: str, turns: list[tuple[str, str]]) -> None:
    """Say each text in turn; each reply must contain its expected words (the next question)."""
    for text, expected in turns:
        replies = _texts(say(stack, sender, text))
        assert expected in replies, (text, replies)


def test_korean_booking_conversation_end_to_end(stack: Stack, db: str) -> None:
    sender = "e2e-booking"
    story = "직원이 퇴사하면서 퇴직금 계산이 틀렸다고 하는데 어떻게 해야 할지 모르겠어요"
    offer = say(stack, sender, story)
    assert "노무 분야 전문가 상담" in _texts(offer)
    assert [b["payload"] for b in _buttons(offer)] == ["/affirm", "/deny"]
    _expect_each(
        stack,
        sender,
        [
            ("/affirm", "노무 분야 전문가로 예약할까요"),
            ("네", "어떤 방식"),
            ("전화로 할게요", "언제 상담을"),
        ],
    )
    assert "회사(상호) 이름" in _texts(_answer_time(stack, sender, "다음주 화요일 오후"))
    assert "사업자등록번호" in _texts(say(stack, sender, "테스트상회"))
    wrong = _texts(say(stack, sender, "123-45-67890"))
    assert wrong.startswith("올바른 사업자등록번호가 아닙니다")
    _expect_each(
        stack,
        sender,
        [("123 45 67891", "성함"), ("홍길순", "휴대전화 번호"), ("010 1234 5678", "이메일")],
    )
    review = _texts(say(stack, sender, "없음"))
    assert "예약 내용을 확인해 주세요" in review and story in review
    assert "010-****-5678" in review and "010-1234-5678" not in review
    done = say(stack, sender, "예약 확정")
    code = re.search(r"BZ-[0-9A-Z]{4}", _texts(done))
    assert code, _texts(done)
    assert any(r.get("custom", {}).get("code") == code.group(0) for r in done)

    booking = call(queries.booking_by_code, code=code.group(0), url=db)
    assert booking is not None and booking.conversation_id == sender
    assert (booking.field, booking.channel, booking.phone) == ("labor", "phone", "010-1234-5678")
    assert booking.business_number == "123-45-67891" and booking.summary == story
    slots = _tracker_slots(stack, sender)
    assert slots["booking_code"] == code.group(0)
    for name in ("contact_phone", "business_number", "contact_email", "contact_name"):
        assert slots[name] is None, name
    assert "010-1234-5678" not in json.dumps(slots, ensure_ascii=False)

    # Someone else with the code but the wrong phone learns nothing.
    assert "예약번호" in _texts(say(stack, "e2e-stranger", "예약 확인하고 싶어요"))
    assert "휴대전화 번호" in _texts(say(stack, "e2e-stranger", code.group(0)))
    refused = _texts(say(stack, "e2e-stranger", "010-9999-8888"))
    assert "찾지 못했습니다" in refused and "홍길순" not in refused

    # The owner checks, then cancels without typing the phone again.
    say(stack, sender, "제 예약 확인해 주세요")
    say(stack, sender, code.group(0))
    details = _texts(say(stack, sender, "010-1234-5678"))
    assert code.group(0) in details and "예약됨" in details
    assert "취소할까요" in _texts(say(stack, sender, "/booking_cancel"))
    assert "취소했습니다" in _texts(say(stack, sender, "네"))
    cancelled = call(queries.booking_by_code, code=code.group(0), url=db)
    assert cancelled is not None and cancelled.status == CANCELLED


def test_booking_form_can_be_left_at_any_point(stack: Stack) -> None:
    sender = "e2e-leave"
    say(stack, sender, "부가세 신고 기한 놓쳤는데 가산세가 얼마나 나오나요")
    say(stack, sender, "/affirm")
    say(stack, sender, "네")
    stopped = _texts(say(stack, sender, "그만할래요"))
    assert stopped == _response_text("utter_booking_stopped")
    assert _tracker_slots(stack, sender)["booking_field"] is None


def test_logs_never_hold_personal_data(stack: Stack) -> None:
    # Runs after the booking conversation above (same module-scoped stack).
    for log in Path(stack.log_dir).glob("*.log"):
        text = log.read_text(errors="replace")
        for secret in ("010-1234-5678", "010 1234 5678", "123-45-67891", "123 45 67891"):
            assert secret not in text, f"{secret} in {log.name}"


def _has_hangul(text: str) -> bool:
    return bool(re.search(r"[\uac00-\ud7a3]", text))


def test_english_investor_question_then_booking(stack: Stack, db: str) -> None:
    sender = "e2e-investor"
    answer = _texts(
        say(
            stack,
            sender,
            "How can InvestSeoul help a foreign company set up an " "office in Seoul?",
        )
    )
    assert "InvestSeoul" in answer or "Invest Seoul" in answer
    asked = say(stack, sender, "I'd like to book a consultation with an expert about this")
    legal = [b for b in _buttons(asked) if b["title"] == "Legal"]
    assert legal, _texts(asked)  # English field buttons
    offer = say(stack, sender, legal[0]["payload"])
    assert "Legal" in _texts(offer)
    assert [b["title"] for b in _buttons(offer)] == ["Yes, book it", "No, thanks"]
    # The field was chosen with a button: the form does not ask "Shall I book Legal?" again.
    _expect_each(
        stack, sender, [("/affirm", "How would you like"), ("video", "When would you like")]
    )
    assert "name of your company" in _texts(_answer_time(stack, sender, "next Tuesday afternoon"))
    _expect_each(
        stack,
        sender,
        [
            ("Acme Korea", "business registration number"),
            ("none", "Who will attend"),
            ("Jane Doe", "mobile number"),
        ],
    )
    wrong = _texts(say(stack, sender, "12345"))
    assert wrong.startswith("That phone number does not look right")
    assert "email" in _texts(say(stack, sender, "+82 10 2345 6789"))
    ask_topic = _texts(say(stack, sender, "jane@acme.example"))
    assert "what would you like to discuss" in ask_topic  # no problem story was told
    review = _texts(say(stack, sender, "Incorporating a Korean subsidiary of our US company"))
    assert "Please check your booking" in review and "not registered yet" in review
    done = say(stack, sender, "confirm")
    text = _texts(done)
    assert "Your consultation is booked" in text and not _has_hangul(text)
    code = re.search(r"BZ-[0-9A-Z]{4}", text)
    assert code
    booking = call(queries.booking_by_code, code=code.group(0), url=db)
    assert booking is not None and booking.language == "en"


def test_mixed_language_message_is_understood(stack: Stack) -> None:
    replies = say(stack, "e2e-mixed", "Can I get 노무 advice about 퇴직금 for our Seoul office?")
    text = _texts(replies)
    assert "Labor" in text and [b["payload"] for b in _buttons(replies)] == ["/affirm", "/deny"]


# Issue 13's conversations: programs described rather than named, follow-ups that keep the
# program, real everyday requests, an investor's follow-up in English.


def test_a_creator_describing_a_need_gets_the_one_person_media_program(stack: Stack) -> None:
    answer = _texts(say(stack, "e2e-creator", "유튜브 크리에이터인데 촬영 스튜디오 빌릴 수 있나요"))
    assert "1인 미디어" in answer


def test_a_hub_question_then_where_is_it_gives_the_hub_locations(stack: Stack, db: str) -> None:
    sender = "e2e-hub"
    with session_scope(db) as session:
        from bot.catalog.queries import program_places

        hub = get_program(program_id="startup-hub", session=session)
        addresses = [p.address for p in program_places(hub, session=session) if p.address]
    assert addresses, "the catalogue gives the hubs' addresses"
    question = "사업자등록번호 없는 예비창업자인데 창업허브 입주 가능한가요?"
    first = _texts(say(stack, sender, question))
    assert "창업허브" in first
    where = _texts(say(stack, sender, "거기 어디에 있어요?"))
    assert "찾지 못했습니다" not in where
    assert any(address in where for address in addresses), where


def test_an_everyday_request_is_out_of_scope(stack: Stack) -> None:
    answer = _texts(say(stack, "e2e-mail", "메일함에 안 읽은 메일 몇 개야"))
    assert answer == _response_text("utter_out_of_scope")


def test_an_investor_follow_up_about_visas_gets_the_visa_answer(stack: Stack) -> None:
    sender = "e2e-visa"
    opening = _texts(
        say(stack, sender, "Hi, we are opening a branch of our German company in " "Seoul")
    )
    assert "Invest Seoul" in opening or "InvestSeoul" in opening
    visa = _texts(say(stack, sender, "What about visas for our staff?"))
    assert "Investor visas, however, are not issued by SBA" in visa
    assert "I can't decide whether you qualify" in visa
    assert not _has_hangul(visa.replace("서울", ""))
