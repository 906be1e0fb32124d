# Course commands. The two that matter: `make book` (build the site) and `make test` (whole test suite).
# Both set up everything they need on a fresh Debian machine with Python 3.11: a virtual environment
# with pinned versions (constraints.txt), the npm packages (the Pyodide runtime the in-browser labs serve
# locally; axe-core and Lighthouse for tests), Debian's chromium (it prints the PDFs and drives the browser
# tests) and, for tests, poppler-utils.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready
NODE_READY := node_modules/.ready
SITE   := _build/html
PORT   ?= 8000
QUIZ_JS := src/russia_syria/quiz/static/quiz.mjs

.PHONY: book quiz-js test serve bench clean lint lock chromium help student pdf poppler lms downloads

help:  ## list the commands
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/'

$(READY): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[book,test]"
	touch $@

$(NODE_READY): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

chromium:  ## install Debian's chromium if it is missing (browser tests need it; run as root)
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }

book: $(READY) $(NODE_READY) $(QUIZ_JS) chromium  ## build the book into _build/html, then print its downloads (the main job)
	$(BIN)/python -m bookbuild.jbuild  # jupyter-book build . -W -n --keep-going, into an emptied $(SITE)
	$(BIN)/python -m bookbuild.downloads --site $(SITE)  # a second step: it reuses the execution cache just filled
	@echo "Built the site in $(SITE)/ — view it with 'make serve', then open http://127.0.0.1:$(PORT)/"

# The quiz front end is edited as modules in quiz/static/src/ and shipped as one committed bundle (a pip install has
# no Node). It is rebuilt when a source is newer; esbuild's output is deterministic, so in a fresh clone, whatever
# order the files were written in, a rebuild gives the committed bytes. `test` does not rebuild it: a stale bundle
# fails tests/test_quiz_bundle.py instead.
$(QUIZ_JS): $(wildcard src/russia_syria/quiz/static/src/*.mjs) package-lock.json | $(NODE_READY)
	node src/russia_syria/quiz/static/src/build.mjs

quiz-js: $(QUIZ_JS)  ## bundle the quiz front end's modules (quiz/static/src/) into quiz/static/quiz.mjs with esbuild

student: $(READY)  ## build the student edition (no solutions, no teacher's guide) into _build/student/html
	$(BIN)/python -m bookbuild.student.build --output _build/student

pdf: $(READY) chromium poppler  ## print the course, quiz sheets and answer key to _build/pdf/ (course.pdf, quiz-sheets.pdf, answer-key.pdf)
	$(BIN)/python -m bookbuild.pdf --output _build/pdf

downloads: $(READY) chromium  ## print course.pdf, quiz-sheets.pdf and answer-key.pdf into an already built $(SITE)/downloads/
	$(BIN)/python -m bookbuild.downloads --site $(SITE)

lms: $(READY)  ## write the question bank for Moodle (XML, GIFT), Canvas (QTI 1.2) and all four LMSs (Common Cartridge 1.1) into _build/lms/
	$(BIN)/python -m bookbuild.lms _build/lms

poppler:  ## install Debian's poppler-utils if missing (pdftotext, used by the PDF tests; run as root)
	@command -v pdftotext >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq poppler-utils; }

test: $(READY) $(NODE_READY) chromium poppler  ## run the whole test suite (lint, data, quizzes, nbval, clean build, browser)
	$(BIN)/ruff check src bookbuild tests conftest.py
	$(BIN)/pytest

serve:  ## serve the built site on http://127.0.0.1:$(PORT)/
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(SITE) $(PORT)

bench: $(READY) $(NODE_READY) chromium  ## print build, test and page-weight figures beside their budgets
	$(BIN)/python -m bookbuild.bench

lint: $(READY)  ## ruff on the runtime package, the book build and the tests
	$(BIN)/ruff check src bookbuild tests conftest.py

lock: $(READY)  ## re-pin constraints.txt from the current environment (after changing dependencies)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^russia-syria-course' > constraints.txt

clean:  ## remove build output and caches (keeps the virtual environment)
	rm -rf _build _contents .pytest_cache .ruff_cache
