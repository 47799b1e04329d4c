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
# The harnesses are fuzz/fuzz_NAME.c linked with -fsanitize=fuzzer to the
# objects of the sanitized build (make asan, $(ASAN_DIR)/obj: clang,
# -fsanitize=address,undefined and the coverage libFuzzer reads,
# -fsanitize=fuzzer-no-link): all of src/ but driver/main.c and the module's
# sources (which budc loads at run time and no harness calls), and the
# generated scanner, parser and explain table.  They go to $(FUZZ_DIR) =
# build/fuzz.  The corpus each run grows is kept in $(FUZZ_DIR)/corpus/NAME;
# findings go to $(FUZZ_DIR)/artifacts/.  A finding belongs in
# tests/regress/ (minimised: see fuzz/README.md), which `make check`
# replays through budc (tests/outputs/hostile.sh).
#
# Without clang the fuzz targets say so and fail.  `make check` runs
# fuzz-ci last, after the sanitized tests, once the dependencies are
# installed, clang among them (20 s of fuzzing, the seeds and the replay,
# and a few seconds to link the harnesses); `make check FUZZ_CI=0` leaves
# it out.

FUZZ_DIR       ?= build/fuzz
FUZZ_TIME      ?= 60
FUZZ_CI_TIME   ?= 20
FUZZ_JOBS      ?= $(shell nproc 2>/dev/null || echo 1)
FUZZ_HARNESSES ?= parse check emit fmt lsp
FUZZ_CI        ?= 1

.PHONY: fuzz fuzz-build fuzz-seeds fuzz-ci fuzz-replay fuzz-clean fuzz-cc check-fuzz

ifeq ($(BUILD),$(ASAN_DIR))
# ---- in the sanitized build's make (BUILD=$(ASAN_DIR), its flags) ----

FUZZ_LIBOBJS := $(filter-out $(IO_OBJS),$(LIBOBJS))
FUZZ_BINS    := $(FUZZ_HARNESSES:%=$(FUZZ_DIR)/fuzz_%)

fuzz-cc:
	@command -v $(CC) > /dev/null || { echo "fuzz: $(CC) is not installed (Debian: apt-get install clang); the harnesses need clang's libFuzzer" >&2; exit 1; }

$(FUZZ_DIR)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_common.h $(FUZZ_LIBOBJS) | fuzz-cc
	@mkdir -p $(FUZZ_DIR)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer -Wall -Wextra -Wno-unused-function \
	    -o $@ $< $(FUZZ_LIBOBJS) $(LDFLAGS) $(LDLIBS)

# fuzz_fmt compiles src/tools/fmt.c into itself (its formatter is static), so it
# is linked without the library's fmt.o.
$(FUZZ_DIR)/fuzz_fmt: fuzz/fuzz_fmt.c fuzz/fuzz_common.h src/tools/fmt.c \
        $(filter-out $(BUILD)/obj/tools/fmt.o,$(FUZZ_LIBOBJS)) | fuzz-cc
	@mkdir -p $(FUZZ_DIR)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer -Wall -Wextra -Wno-unused-function \
	    -o $@ $< $(filter-out $(BUILD)/obj/tools/fmt.o,$(FUZZ_LIBOBJS)) $(LDFLAGS) $(LDLIBS)

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

else
# ---- anywhere else: the same targets in the sanitized build's make ----

fuzz fuzz-build fuzz-seeds fuzz-ci fuzz-replay:
	@command -v $(SAN_CC) > /dev/null || { echo "fuzz: $(SAN_CC) is not installed (Debian: apt-get install clang); the harnesses need clang's libFuzzer" >&2; exit 1; }
	@$(MAKE) --no-print-directory -j$(NPROC) $(ASAN_VARS) fuzz-build
	@$(MAKE) --no-print-directory $(ASAN_VARS) $@

endif

fuzz-clean:
	rm -rf $(FUZZ_DIR)

# make check: fuzz-ci once the dependencies are installed (bison, flex,
# clang: make deps installs it) and the sanitized tests have run (their
# build is the harnesses' objects; fuzzing while they run would take their
# cores).  Without clang it fails (fuzz-cc), as a test whose tool is
# missing fails: it is not skipped.  FUZZ_CI=0 leaves it out.
ifeq ($(FUZZ_CI),1)
check-passes: check-fuzz
ifeq ($(ASAN),1)
check-fuzz: check-asan
else
check-fuzz: check-asan-build
endif
check-fuzz:
	@$(MAKE) --no-print-directory $(ASAN_VARS) fuzz-ci
endif
