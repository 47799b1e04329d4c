# budc — the budget compiler.
#
#   make          build build/budc
#   make demo     install what is missing, build, compile every example into out/
#   make check    install what is missing, build with -Werror, run every test,
#                 then again under the sanitizers (make asan), then fuzz 20 s
#   make asan     build and test with address and undefined-behaviour sanitizers
#                 (clang, into build/asan; the fuzz harnesses link the same objects)
#   make install PREFIX=/usr/local
#
# Objects go to $(BUILD)/ (out of tree); dependencies are tracked with -MMD.

CC      ?= cc
BUILD   ?= build
PREFIX  ?= /usr/local
BISON   ?= bison
FLEX    ?= flex

WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wpedantic -Wformat=2 -Wvla -Wnull-dereference
ifeq ($(WERROR),1)
WARN    += -Werror
endif
OPT     ?= -O2 -g
SAN     ?=
CPPFLAGS += -D_XOPEN_SOURCE=700 -Isrc -I$(BUILD)/gen
CFLAGS  += -std=c11 $(OPT) $(SAN)
LDFLAGS += $(SAN)
# Executables may be linked with more (make asan: -no-pie, a linker
# script), and the module with other flags (make asan: none, so that it
# uses the sanitizers' runtime budc loaded instead of a second copy).
EXE_LDFLAGS ?=
SO_LDFLAGS  ?= $(LDFLAGS)
# Objects of tests/sanitized/ linked into the executables too (make asan:
# LeakSanitizer's roots, the coverage each run records, the sanitized
# pass's choice of runs), and the test programs of that folder built
EXE_OBJS    ?=
SAN_TESTS   ?=
# Compile-only flags (make asan: the coverage the fuzzers need)
SANCOV  ?=
CFLAGS  += $(SANCOV)
# cJSON (Debian libcjson-dev) writes the JSON output
BUDC_LDLIBS := -lcjson
# The libraries of budc-io.so, the module the commands that need them load
# (src/import/module.h): budc itself does not link them, so that every other
# command starts without loading them (and libcrypto, which libzip pulls in).
# SQLite (Debian libsqlite3-dev) holds many budgets in one database (budc sqlite)
IO_LDLIBS := -lsqlite3
# libxlsxwriter (Debian libxlsxwriter-dev) writes the Excel workbook (budc xlsx)
IO_LDLIBS += -lxlsxwriter
# libzip and expat (Debian libzip-dev, libexpat1-dev) read a workbook (budc import)
IO_LDLIBS += -lzip -lexpat
# poppler's C interface (Debian libpoppler-glib-dev) reads a PDF's text layer
# with each character's box (budc import FILE.pdf); its headers (and glib's)
# are system headers, outside the warnings budc holds itself to, and only
# the module's objects include them
POPPLER_CFLAGS := $(shell pkg-config --cflags poppler-glib 2>/dev/null | sed 's/-I/-isystem /g')
IO_LDLIBS += $(shell pkg-config --libs poppler-glib 2>/dev/null || echo -lpoppler-glib -lgobject-2.0 -lglib-2.0) -lm
# The unit tests and the fuzz harnesses link everything into one program.
LDLIBS  += $(BUDC_LDLIBS) $(IO_LDLIBS)
# The generated scanner and parser get the same flags less the pedantry
# they were not written for.
GENWARN := -Wall -Wno-unused-function -Wno-sign-compare -Wno-unused-parameter

SRCS    := $(wildcard src/*/*.c)
OBJS    := $(SRCS:src/%.c=$(BUILD)/obj/%.o)
GENOBJS := $(BUILD)/obj/parser.o $(BUILD)/obj/lexer.o $(BUILD)/obj/explain.o
EXPLAIN_DOCS := docs/diagnostics.md docs/checks.md
LIBOBJS := $(filter-out $(BUILD)/obj/driver/main.o,$(OBJS)) $(GENOBJS)
# budc-io.so: every file of src/import/, the Excel writer and the SQLite
# database, compiled position-independent; budc exports its own functions
# (-rdynamic) for the module to call.
LIBDIR  ?= $(PREFIX)/lib
IO_SRCS := $(wildcard src/import/*.c src/emit/xlsx*.c) src/emit/sqlite.c
IO_OBJS := $(IO_SRCS:src/%.c=$(BUILD)/obj/%.o)
MAIN_OBJS := $(filter-out $(IO_OBJS),$(OBJS))

UNIT_SRCS  := $(wildcard tests/unit/test_*.c)
UNIT_BINS  := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo check test unit golden asan install uninstall clean
all: $(BUILD)/budc $(BUILD)/budc-io.so

# Rebuild everything when the flags change (make check adds -Werror).
FLAGS_NOW := $(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $(LDFLAGS) $(EXE_LDFLAGS) SO:$(SO_LDFLAGS)
$(BUILD)/.flags: FORCE
	@mkdir -p $(BUILD)
	@echo '$(FLAGS_NOW)' | cmp -s - $@ || echo '$(FLAGS_NOW)' > $@
.PHONY: FORCE
$(BUILD)/.flags-io: FORCE
	@mkdir -p $(BUILD)
	@echo '$(FLAGS_NOW) -fPIC' | cmp -s - $@ || echo '$(FLAGS_NOW) -fPIC' > $@

$(BUILD)/gen/parser.c $(BUILD)/gen/parser.h &: grammar/parser.y
	@mkdir -p $(BUILD)/gen
	$(BISON) -Wall -Werror -o $(BUILD)/gen/parser.c --header=$(BUILD)/gen/parser.h $<

# -Cf: full tables, the fastest scanner flex makes (9% fewer instructions
# for budc check than the default compressed tables)
FLEXFLAGS ?= -Cf
$(BUILD)/gen/lexer.c $(BUILD)/gen/lexer.h &: grammar/lexer.l Makefile
	@mkdir -p $(BUILD)/gen
	$(FLEX) $(FLEXFLAGS) -o $(BUILD)/gen/lexer.c --header-file=$(BUILD)/gen/lexer.h $<

# The text of `budc explain`, from the documents (src/tools/explain.h).  Written
# through a temporary file so that a failed run leaves nothing behind.
$(BUILD)/gen/explain.c: scripts/gen-explain.sh $(EXPLAIN_DOCS)
	@mkdir -p $(BUILD)/gen
	sh scripts/gen-explain.sh $(EXPLAIN_DOCS) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/%.o: src/%.c $(BUILD)/.flags | $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -MMD -MP -c -o $@ $<

$(BUILD)/obj/parser.o: $(BUILD)/gen/parser.c $(BUILD)/gen/lexer.h $(BUILD)/.flags
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(GENWARN) -MMD -MP -c -o $@ $<

$(BUILD)/obj/lexer.o: $(BUILD)/gen/lexer.c $(BUILD)/gen/parser.h $(BUILD)/.flags
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(GENWARN) -MMD -MP -c -o $@ $<

# Generated by budc's own script, so held to the full warnings; its strings
# (whole sections of the documents) may pass C's 4095-character minimum.
$(BUILD)/obj/explain.o: $(BUILD)/gen/explain.c $(BUILD)/.flags
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -Wno-overlength-strings -MMD -MP -c -o $@ $<

$(BUILD)/budc: $(MAIN_OBJS) $(GENOBJS) $(EXE_OBJS)
	$(CC) $(LDFLAGS) $(EXE_LDFLAGS) -rdynamic -o $@ $^ $(BUDC_LDLIBS)

$(BUILD)/budc-io.so: $(IO_OBJS)
	$(CC) $(SO_LDFLAGS) -shared -o $@ $^ $(IO_LDLIBS)
$(IO_OBJS): CFLAGS += -fPIC
$(IO_OBJS): CPPFLAGS += $(POPPLER_CFLAGS)
# (and are rebuilt when they were compiled without it, or the flags change)
$(IO_OBJS): $(BUILD)/.flags-io
$(BUILD)/obj/driver/iomod.o: CPPFLAGS += -DBUDC_MODDIR='"$(LIBDIR)/budc"'

$(BUILD)/tests/%: tests/unit/%.c $(LIBOBJS) $(EXE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -MMD -MP -o $@ $< $(LIBOBJS) $(EXE_OBJS) $(LDFLAGS) $(EXE_LDFLAGS) $(LDLIBS) -lcmocka

# tests/sanitized/: what only the sanitized build links or runs
$(BUILD)/obj/sanitized/%.o: tests/sanitized/%.c $(BUILD)/.flags
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -MMD -MP -c -o $@ $<
# (the executables are linked again when the script changes)
$(BUILD)/obj/sanitized/lsan_roots.o: tests/sanitized/lsan_roots.ld
$(BUILD)/tests/test_%: tests/sanitized/test_%.c $(EXE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -MMD -MP -o $@ $< $(EXE_OBJS) $(LDFLAGS) $(EXE_LDFLAGS)

-include $(OBJS:.o=.d) $(GENOBJS:.o=.d) $(UNIT_BINS:=.d) $(EXE_OBJS:.o=.d) $(SAN_TESTS:=.d)

# ---- set-up, demo and tests ----------------------------------------------

deps:
	@sh scripts/install-deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh $(BUILD)/budc out

# The suite twice: optimised with -Werror, then under the address and
# undefined-behaviour sanitizers (issue 7: CI runs both).  ASAN=0 skips the
# second.  The sanitized build (make asan) is clang's, into build/asan:
# its objects carry the coverage libFuzzer needs, so the fuzz harnesses
# (mk/fuzz.mk) link the same objects instead of compiling src/ a third
# time.  Its executables start faster, which the suite's thousands of budc
# runs pay: they are not PIEs (-no-pie: the loader has no 97,000
# relocations to apply at each start; the shipped build stays a PIE), and
# they are linked with tests/sanitized/lsan_roots.c and .ld, so that
# LeakSanitizer's check at exit does not read the runtime's own tables
# (43 -> 20 ms for budc --version, 106 -> 85 ms for a check).
#
# make check runs, each with every core (NPROC), the plain build and its
# tests, the sanitized build and its tests (they reuse the TeX the plain
# pass typeset), then the fuzzers' bounded run (mk/fuzz.mk).  One after the
# other: the tests keep the cores busy, and a build beside them only made
# both slower.
# tests/run.sh runs its parts as many at a time.  The sanitizer pass
# samples the checks that repeat one thing over a hundred inputs or more
# (every 8th mutation of tests/mutate.py, every 4th file of fmt.sh's
# corpus and of the golden files it formats, every 8th code budc explain
# prints), and leaves out what runs other programs on budc's outputs (the
# editors' grammars, Chromium rendering the web page): BUDC_TEST_SANITIZED.
# It also checks the golden files and the documents' examples through one
# budc a part first (a file whose piece of the output does not pass is run
# alone), and runs sanitized only the budc runs that add to its coverage,
# handing the others to the plain build (tests/sanitized/select.c, from
# tests/sanitized/runs.txt: make asan-select below).  The plain pass runs
# everything one file a run (issue 17: make check in minutes, not ten).
ASAN ?= 1
NPROC ?= $(shell nproc 2>/dev/null || echo 1)
SAN_CC ?= clang
ASAN_DIR := build/asan
ASAN_VARS = BUILD=$(ASAN_DIR) CC=$(SAN_CC) WERROR=1 OPT="-O1 -gline-tables-only" \
    SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
    SANCOV=-fsanitize=fuzzer-no-link SO_LDFLAGS= \
    EXE_LDFLAGS="-no-pie -Wl,-T,tests/sanitized/lsan_roots.ld" \
    EXE_OBJS="$(addprefix $(ASAN_DIR)/obj/sanitized/,lsan_roots.o coverage.o select.o)" SAN_TESTS=$(ASAN_DIR)/tests/test_leaks
.PHONY: check check-passes check-plain check-asan check-asan-build asan asan-build asan-coverage asan-select build-tests

check: deps
	@rm -rf build/tex-cache
	@$(MAKE) --no-print-directory -j$(NPROC) check-passes

check-passes: check-plain
check-plain:
	@$(MAKE) --no-print-directory WERROR=1 test
ifeq ($(ASAN),1)
check-passes: check-asan
endif
check-asan: check-plain check-asan-build
	@BUDC_TEST_SANITIZED=1 $(MAKE) --no-print-directory $(ASAN_VARS) test
SAN_CC_CHECK = command -v $(SAN_CC) > /dev/null || { echo "asan: $(SAN_CC) is not installed (Debian: apt-get install clang; make deps installs it)" >&2; exit 1; }
check-asan-build: check-plain
	@$(SAN_CC_CHECK)
	@$(MAKE) --no-print-directory $(ASAN_VARS) build-tests

build-tests: all $(UNIT_BINS) $(SAN_TESTS)

test: build-tests
	@bash tests/run.sh $(BUILD)

unit: $(UNIT_BINS)
	@for t in $(UNIT_BINS); do $$t || exit 1; done

asan-build:
	@$(SAN_CC_CHECK)
	@$(MAKE) --no-print-directory $(ASAN_VARS) build-tests
asan: asan-build
	@BUDC_TEST_SANITIZED=1 $(MAKE) --no-print-directory $(ASAN_VARS) test

# make asan-coverage: the sanitized pass, each run recording the code it
# covered (tests/sanitized/coverage.c), then what each part covers and what
# no other part does (tests/coverage.py).  COVERAGE_FULL=1 runs every test
# the plain pass runs, unsampled, into build/asan/coverage-full; then
# `python3 tests/coverage.py build/asan/coverage build/asan/coverage-full`
# says what the sampling gives up (docs/performance.md).  That run is a
# measurement, not a test: what cannot run under the sanitizers fails in it
# (tests/outputs/memory.sh's address-space limits), and is not counted.
COVERAGE_DIR = $(abspath $(ASAN_DIR))/coverage$(if $(filter 1,$(COVERAGE_FULL)),-full)
asan-coverage: asan-build
	@rm -rf $(COVERAGE_DIR) && mkdir -p $(COVERAGE_DIR)
	@BUDC_COVERAGE=$(COVERAGE_DIR) BUDC_TEST_SANITIZED=$(if $(filter 1,$(COVERAGE_FULL)),,1) \
	    $(MAKE) --no-print-directory $(ASAN_VARS) test; st=$$?; \
	    python3 tests/coverage.py $(COVERAGE_DIR) || st=1; \
	    exit $(if $(filter 1,$(COVERAGE_FULL)),0,$$st)

# make asan-select: tests/sanitized/runs.txt again, from a sanitized pass
# that runs every run sanitized (tests/coverage.py --select): after a change
# that adds tests or moves code between them.  tests/run.sh prints, after
# each sanitized pass, how many runs were not in it.
asan-select: asan-build
	@rm -rf $(ASAN_DIR)/coverage-select && mkdir -p $(ASAN_DIR)/coverage-select
	@BUDC_COVERAGE=$(abspath $(ASAN_DIR))/coverage-select BUDC_TEST_SANITIZED=1 \
	    $(MAKE) --no-print-directory $(ASAN_VARS) test
	python3 tests/coverage.py --select $(ASAN_DIR)/coverage-select > tests/sanitized/runs.txt.tmp
	@mv tests/sanitized/runs.txt.tmp tests/sanitized/runs.txt

# ---- more targets: fuzzing, benchmarks, editors (one file each) -------------
# Each mk/*.mk may add targets and prerequisites of deps/check/test.
-include $(wildcard mk/*.mk)

# ---- installation ----------------------------------------------------------

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/budc
	install -m 755 $(BUILD)/budc $(DESTDIR)$(PREFIX)/bin/budc
	# the module of xlsx, build, sqlite and import (src/import/module.h)
	install -d $(DESTDIR)$(LIBDIR)/budc
	install -m 644 $(BUILD)/budc-io.so $(DESTDIR)$(LIBDIR)/budc/budc-io.so
	cp -R stdlib/. $(DESTDIR)$(PREFIX)/share/budc/
	# what budc lsp links each diagnostic code to (docs/lsp.md)
	install -d $(DESTDIR)$(PREFIX)/share/doc/budc
	install -m 644 docs/checks.md docs/diagnostics.md $(DESTDIR)$(PREFIX)/share/doc/budc/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/budc
	rm -rf $(DESTDIR)$(LIBDIR)/budc
	rm -rf $(DESTDIR)$(PREFIX)/share/budc $(DESTDIR)$(PREFIX)/share/doc/budc

clean:
	rm -rf $(BUILD) out
