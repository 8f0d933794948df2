"""KakaoTalk: the assistant as a Kakao i Open Builder skill (``bot.web.kakao`` serves it)."""
