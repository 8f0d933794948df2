# bizcall — every target documents itself: `make` or `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.bizcall-installed
MODEL     := models/bizcall.tar.gz
GENERATED := data/generated/catalog.yml
NOISY     := data/generated/noisy.yml
CATALOG   := $(wildcard catalog/*.yml)
NLU_SRC   := config.yml domain.yml $(wildcard data/*.yml) $(GENERATED) $(NOISY) bot/nlp/tokenizer.py bot/nlp/matcher.py bot/nlp/morph.py bot/nlp/featurizer.py bot/nlp/embeddings.py bot/nlp/out_of_scope.py bot/text.py
DB_STAMP  := var/.catalog-loaded
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: help setup db nlu train run run-scaled soak test test-unit test-no-model test-stories test-services validate lint lock clean eval eval-cv bench chaos screenshots

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

setup: ## create .venv with Python 3.10 and install the pinned dependencies (once)
	@scripts/setup.sh

$(STAMP): requirements.lock pyproject.toml
	@scripts/setup.sh

$(DB_STAMP): $(STAMP) $(CATALOG) $(wildcard bot/db/migrations/versions/*.py)
	@$(BIN)/bizcall db init
	@$(BIN)/bizcall db load
	@mkdir -p var && touch $@

db: $(DB_STAMP) ## create/upgrade the database under var/ and load the catalogue

$(GENERATED): $(STAMP) $(CATALOG)
	@$(BIN)/bizcall nlu export

$(NOISY): $(STAMP) $(wildcard data/*.yml) bot/nlp/noise.py bot/nlp/augment.py
	@$(BIN)/bizcall nlu augment

nlu: $(GENERATED) $(NOISY) ## generate NLU data: lookups and synonyms from the catalogue, careless-typing copies of data/

$(MODEL): $(STAMP) $(NLU_SRC)
	$(BIN)/rasa train --fixed-model-name bizcall --out models --quiet
	@touch $@

train: $(MODEL) ## train the Rasa model if data, config or components changed

validate: $(STAMP) $(GENERATED) $(NOISY) ## check training data and domain for errors (tests/test_data.py also fails on warnings)
	$(BIN)/rasa data validate --quiet

run: $(DB_STAMP) $(MODEL) ## set up, train if stale, start everything and print the URLs
	@$(BIN)/bizcall run

run-scaled: $(STAMP) $(MODEL) test-services ## the production profile on :8080: PostgreSQL, Redis, 2 Rasa replicas, 2 action servers, nginx
	@$(BIN)/bizcall run --scaled

test-stories: $(MODEL) ## run test conversations; any wrong prediction fails
	$(BIN)/rasa test core --stories tests/test_stories.yml --model $(MODEL) \
		--fail-on-prediction-errors --out results/core --quiet

test-unit: $(DB_STAMP) $(MODEL) ## run the pytest suite only
	$(BIN)/pytest

test-services: ## install the real servers tests use (PostgreSQL, Redis, nginx, chromium) from Debian packages if missing
	@scripts/test-services.sh

test: export BIZCALL_REQUIRE_SERVICES := 1
test: $(DB_STAMP) test-services ## set up, lint, validate data, train if stale, run every test
	@# Lint and data validation come first, side by side (one core each): either fails the
	@# run before any training starts.
	@$(MAKE) --no-print-directory -j2 --output-sync=target lint validate
	@# Training is one busy core for minutes (scikit-learn's lbfgs); the tests that need no
	@# model run on the other meanwhile, and the test stories follow training on its core
	@# while those are still running. Output is shown per job when it ends.
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-no-model test-stories
	$(BIN)/pytest -m "e2e or browser"

test-no-model: $(DB_STAMP) ## run the tests that need no trained model (unit, database, console, actions)
	$(BIN)/pytest -m "not e2e and not browser"

eval: $(DB_STAMP) $(MODEL) ## measure: search recall; triage on dev, tuning, blind and noisy-blind sets; 3i4K recall; latency; recommender on profiles
	@PYTHONWARNINGS=ignore $(PY) -m bot.evaluation.search tests/catalog/search_queries.yml
	@PYTHONWARNINGS=ignore $(PY) -m bot.evaluation.search tests/catalog/search_queries_en.yml
	@PYTHONWARNINGS=ignore $(PY) -m bot.evaluation.triage --skip-cv
	@PYTHONWARNINGS=ignore $(PY) -m bot.evaluation.recommend

eval-cv: $(DB_STAMP) $(GENERATED) ## measure: 5-fold NLU cross-validation on data/ (about 20 minutes on 2 cores)
	@PYTHONWARNINGS=ignore $(PY) -m bot.evaluation.triage --cv-only

bench: $(DB_STAMP) $(MODEL) ## speed, memory, training time against a stock `rasa init` bot in one run (about 20 minutes)
	@PYTHONWARNINGS=ignore $(PY) -m bot.evaluation.bench

soak: $(DB_STAMP) $(MODEL) test-services ## scaled profile under load: 50 users × 20 turns, a replica and an action server killed; prints JSON
	@PYTHONWARNINGS=ignore $(PY) -m bot.evaluation.soak

chaos: $(DB_STAMP) $(MODEL) ## fault and abuse run: 100+ bad inputs (REST, socket.io), SIGKILLs under load, racing bookings (a few minutes)
	@PYTHONWARNINGS=ignore $(PY) -m bot.evaluation.chaos

screenshots: $(DB_STAMP) $(MODEL) test-services ## run the browser tests and copy their screenshots to docs/screenshots
	$(BIN)/pytest -m browser -q
	cp var/screenshots/*.png docs/screenshots/

lint: $(STAMP) ## ruff (rules incl. docstrings, then the format check) and mypy (strict for bot/)
	$(BIN)/ruff check bot actions tests
	$(BIN)/mypy
	$(BIN)/ruff format --check bot actions tests

lock: ## re-resolve dependencies from pyproject.toml into requirements.lock
	rm -rf /tmp/bizcall-lock && python3.10 -m venv /tmp/bizcall-lock || $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.10*/bin/python3.10 | tail -1) -m venv /tmp/bizcall-lock
	/tmp/bizcall-lock/bin/pip install -q pip==24.0 && /tmp/bizcall-lock/bin/pip install -q '.[dev]'
	( head -2 requirements.lock; /tmp/bizcall-lock/bin/pip freeze --all --exclude-editable | grep -v '^pip==' | grep -v '^bizcall' ) > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean: ## remove models, caches, generated data and the database (keeps .venv)
	rm -rf models .rasa results var data/generated .pytest_cache .mypy_cache .ruff_cache
