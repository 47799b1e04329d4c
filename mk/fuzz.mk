# ---- fuzzing: libFuzzer harnesses (fuzz/README.md, docs/fuzzing.md) ----------
#
#   make fuzz                 build the harnesses, run each FUZZ_TIME seconds
#                             (default 60), FUZZ_JOBS at once (default: the
#                             number of cores), write $(FUZZ_DIR)/figures.md
#   make fuzz FUZZ_TIME=600   longer
#   make fuzz FUZZ_HARNESSES=check   one harness
#   make fuzz-build           only build $(FUZZ_DIR)/fuzz_{parse,check,emit,fmt,lsp}
#   make fuzz-seeds           write the seed corpus $(FUZZ_DIR)/seeds (every run does)
#   make fuzz-ci              each harness 20 s (FUZZ_CI_TIME): CI's bounded run
#   make fuzz-replay          every tests/regress/*.bud once through each harness
#
# The harnesses are built with clang (FUZZ_CC) and
# -fsanitize=fuzzer,address,undefined from the same sources as budc (all of
# src/ but driver/main.c, and the generated scanner, parser and explain table),
# into $(FUZZ_DIR) = $(BUILD)/fuzz.  The corpus each run grows is kept in
# $(FUZZ_DIR)/corpus/NAME; findings go to $(FUZZ_DIR)/artifacts/.  A
# finding belongs in tests/regress/ (minimised: see fuzz/README.md), which
# `make check` replays through budc (tests/outputs/hostile.sh).
#
# Without clang the fuzz targets say so and fail.  `make check` runs
# fuzz-ci after installing the dependencies, clang among them (about
# 65 s from scratch on 2 cores: 26 s to build the harnesses, 20 s of
# fuzzing, the seeds and the replay; 38 s when they are built);
# `make check FUZZ_CI=0` leaves it out.

FUZZ_CC        ?= clang
FUZZ_DIR       ?= $(BUILD)/fuzz
FUZZ_TIME      ?= 60
FUZZ_CI_TIME   ?= 20
FUZZ_JOBS      ?= $(shell nproc 2>/dev/null || echo 1)
FUZZ_HARNESSES ?= parse check emit fmt lsp
FUZZ_SAN       := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS    := -std=c11 -O1 -g $(FUZZ_SAN)
FUZZ_HAVE_CC   := $(shell command -v $(FUZZ_CC) 2>/dev/null)

# budc's own objects, not the module's (IO_SRCS: the readers of workbooks
# and PDFs, the Excel and SQLite writers), which budc loads at run time and
# no harness calls: a fifth less to compile for make check
FUZZ_SRCS    := $(filter-out src/driver/main.c $(IO_SRCS),$(SRCS))
FUZZ_LIBOBJS := $(FUZZ_SRCS:src/%.c=$(FUZZ_DIR)/obj/%.o) \
                $(FUZZ_DIR)/obj/parser.o $(FUZZ_DIR)/obj/lexer.o $(FUZZ_DIR)/obj/explain.o
FUZZ_BINS    := $(FUZZ_HARNESSES:%=$(FUZZ_DIR)/fuzz_%)

FUZZ_CI      ?= 1

.PHONY: fuzz fuzz-build fuzz-seeds fuzz-ci fuzz-replay fuzz-clean fuzz-cc fuzz-check-hook

# The objects stay when only some harnesses are rebuilt.
.SECONDARY: $(FUZZ_LIBOBJS)

fuzz-cc:
	@test -n "$(FUZZ_HAVE_CC)" || { echo "fuzz: $(FUZZ_CC) is not installed (Debian: apt-get install clang); the harnesses need clang's libFuzzer" >&2; exit 1; }

# Rebuild the harness objects when the flags change.
FUZZ_FLAGS_NOW := $(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS)
$(FUZZ_DIR)/.flags: FORCE
	@mkdir -p $(FUZZ_DIR)
	@echo '$(FUZZ_FLAGS_NOW)' | cmp -s - $@ || echo '$(FUZZ_FLAGS_NOW)' > $@

$(FUZZ_DIR)/obj/%.o: src/%.c $(FUZZ_DIR)/.flags | fuzz-cc $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(POPPLER_CFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/obj/parser.o: $(BUILD)/gen/parser.c $(BUILD)/gen/lexer.h $(FUZZ_DIR)/.flags | fuzz-cc
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -w -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/obj/lexer.o: $(BUILD)/gen/lexer.c $(BUILD)/gen/parser.h $(FUZZ_DIR)/.flags | fuzz-cc
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -w -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/obj/explain.o: $(BUILD)/gen/explain.c $(FUZZ_DIR)/.flags | fuzz-cc
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -w -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_common.h $(FUZZ_LIBOBJS) | fuzz-cc
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Wall -Wextra -Wno-unused-function \
	    -o $@ $< $(FUZZ_LIBOBJS) $(LDLIBS)

# fuzz_fmt compiles src/tools/fmt.c into itself (its formatter is static), so it
# is linked without the library's fmt.o.
$(FUZZ_DIR)/fuzz_fmt: fuzz/fuzz_fmt.c fuzz/fuzz_common.h src/tools/fmt.c \
        $(filter-out $(FUZZ_DIR)/obj/tools/fmt.o,$(FUZZ_LIBOBJS)) | fuzz-cc
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Wall -Wextra -Wno-unused-function \
	    -o $@ $< $(filter-out $(FUZZ_DIR)/obj/tools/fmt.o,$(FUZZ_LIBOBJS)) $(LDLIBS)

-include $(wildcard $(FUZZ_DIR)/obj/*.d $(FUZZ_DIR)/obj/*/*.d)

fuzz-build: $(FUZZ_BINS)

# The seeds are written again for every run (a second or two): a new test
# or example is a new seed.
fuzz-seeds: | fuzz-cc
	@rm -rf $(FUZZ_DIR)/seeds
	@bash scripts/fuzz.sh seeds $(FUZZ_DIR)/seeds

fuzz: fuzz-build fuzz-seeds
	@bash scripts/fuzz.sh run $(FUZZ_DIR) $(FUZZ_TIME) $(FUZZ_JOBS) $(FUZZ_HARNESSES)

# From the seeds alone, in a corpus of its own: libFuzzer reads a corpus
# before its clock starts, and make fuzz's grows to thousands of inputs.
fuzz-ci: fuzz-build fuzz-seeds
	@rm -rf $(FUZZ_DIR)/ci-corpus
	@FUZZ_CORPUS=$(FUZZ_DIR)/ci-corpus bash scripts/fuzz.sh run $(FUZZ_DIR) $(FUZZ_CI_TIME) \
	    $(words $(FUZZ_HARNESSES)) $(FUZZ_HARNESSES)

fuzz-replay: fuzz-build
	@bash scripts/fuzz.sh replay $(FUZZ_DIR) tests/regress $(FUZZ_HARNESSES)

fuzz-clean:
	rm -rf $(FUZZ_DIR)

# make check: fuzz-ci once the dependencies are installed (bison, flex,
# clang: make deps installs it).  Without clang it fails (fuzz-cc), as a test
# whose tool is missing fails: it is not skipped.  FUZZ_CI=0 leaves it out.
ifeq ($(FUZZ_CI),1)
check: fuzz-check-hook
fuzz-check-hook: deps
	@$(MAKE) --no-print-directory -j$(NPROC) fuzz-build
	@$(MAKE) --no-print-directory fuzz-ci
endif
