# bizcall's image: every process of the scaled profile runs from it
# (`python -m bot.scaled.serve {migrate|actions|rasa|web}`; docs/deploy.md).
# Build after `make train`: the trained model is part of the image, so every replica
# loads the same file.
FROM python:3.10-slim-bookworm

# Java for KoNLPy (the search's Korean analyser); nothing else is needed at run time.
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=2 \
    BIZCALL_VAR_DIR=/var/lib/bizcall \
    BIZCALL_HOST=0.0.0.0

WORKDIR /app
COPY requirements.lock pyproject.toml ./
RUN pip install pip==24.0 && pip install -r requirements.lock
COPY . .
RUN pip install --no-deps --no-build-isolation -e . \
 && test -f models/bizcall.tar.gz || (echo "run make train before building the image" && exit 1)

RUN useradd --system --uid 10001 --home /var/lib/bizcall bizcall \
 && mkdir -p /var/lib/bizcall && chown bizcall /var/lib/bizcall
USER bizcall
CMD ["python", "-m", "bot.scaled.serve", "rasa"]
