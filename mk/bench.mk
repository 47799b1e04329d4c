# ---- make bench: throughput, memory and scaling (bench/README.md) -----------
#
#   make bench                    corpora of 1, 10 and 100 MB, every figure and ratio
#   make bench BENCH_SIZES=1MB    a quick run on the smallest corpus only
#   make bench-corpora            only generate the corpora (bench/out/SIZE/)
#   make bench BENCH_HUGE=        without the huge departments (memory target)
#
# budc is the normal optimised build ($(BUILD)/budc); the tokenizer is
# bench/tokenizer.l built with flex -Cf.  Corpora are regenerated when
# bench/gen.py or the standard library changes.  ledger is installed by
# scripts/install-deps.sh bench when missing (apt); without it its column
# is left out.

BENCH_OUT   ?= bench/out
BENCH_SIZES ?= 1MB 10MB 100MB
BENCH_SEED  ?= 1
BENCH_RUNS  ?= 3
PYTHON      ?= python3
TOKCOUNT    := $(BUILD)/bench/tokcount
BENCH_CORPORA := $(addprefix $(BENCH_OUT)/,$(BENCH_SIZES))
# one huge department each, KIND-N (bench/huge.py): budc check's peak memory
BENCH_HUGE  ?= glossary-1000000 catalog-1000000 projects-100000
BENCH_HUGE_FILES := $(addprefix $(BENCH_OUT)/huge/,$(addsuffix .bud,$(BENCH_HUGE)))

.PHONY: bench bench-deps bench-corpora bench-clean

bench: bench-deps $(BUILD)/budc $(TOKCOUNT) bench-corpora $(BENCH_HUGE_FILES)
	$(PYTHON) bench/run.py --budc $(BUILD)/budc --tokenizer $(TOKCOUNT) \
	    --runs $(BENCH_RUNS) --out $(BENCH_OUT) --huge $(BENCH_HUGE_FILES) -- $(BENCH_CORPORA)

bench-deps:
	@sh scripts/install-deps.sh bench || echo "bench: ledger is missing; its figures are left out"

$(BUILD)/bench/tokenizer.c: bench/tokenizer.l
	@mkdir -p $(dir $@)
	$(FLEX) -Cf -o $@ $<

$(TOKCOUNT): $(BUILD)/bench/tokenizer.c bench/tokcount.c
	$(CC) -O2 $(GENWARN) -o $@ $^

bench-corpora: $(addsuffix /manifest.json,$(BENCH_CORPORA))

$(BENCH_OUT)/%/manifest.json: bench/gen.py $(wildcard stdlib/2023/*.bud)
	$(PYTHON) bench/gen.py --seed $(BENCH_SEED) --size $* --out $(BENCH_OUT)/$*

$(BENCH_OUT)/huge/%.bud: bench/huge.py
	@mkdir -p $(dir $@)
	$(PYTHON) bench/huge.py $(word 1,$(subst -, ,$*)) $(word 2,$(subst -, ,$*)) $@

bench-clean:
	rm -rf $(BENCH_OUT)
