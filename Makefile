# budc — the budget compiler.
#
#   make          build build/budc
#   make demo     install what is missing, build, compile every example into out/
#   make check    install what is missing, build with -Werror, run every test
#   make asan     build and test with address and undefined-behaviour sanitizers
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
# The generated scanner and parser get the same flags less the pedantry
# they were not written for.
GENWARN := -Wall -Wno-unused-function -Wno-sign-compare -Wno-unused-parameter

SRCS    := $(wildcard src/*.c)
OBJS    := $(SRCS:src/%.c=$(BUILD)/obj/%.o)
GENOBJS := $(BUILD)/obj/parser.o $(BUILD)/obj/lexer.o
LIBOBJS := $(filter-out $(BUILD)/obj/main.o,$(OBJS)) $(GENOBJS)

UNIT_SRCS  := $(wildcard tests/unit/test_*.c)
UNIT_BINS  := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo check test unit golden asan install uninstall clean
all: $(BUILD)/budc

# Rebuild everything when the flags change (make check adds -Werror).
FLAGS_NOW := $(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $(LDFLAGS)
$(BUILD)/.flags: FORCE
	@mkdir -p $(BUILD)
	@echo '$(FLAGS_NOW)' | cmp -s - $@ || echo '$(FLAGS_NOW)' > $@
.PHONY: FORCE

$(BUILD)/gen/parser.c $(BUILD)/gen/parser.h: grammar/parser.y
	@mkdir -p $(BUILD)/gen
	$(BISON) -Wall -Werror -o $(BUILD)/gen/parser.c --header=$(BUILD)/gen/parser.h $<

$(BUILD)/gen/lexer.c $(BUILD)/gen/lexer.h: grammar/lexer.l
	@mkdir -p $(BUILD)/gen
	$(FLEX) -o $(BUILD)/gen/lexer.c --header-file=$(BUILD)/gen/lexer.h $<

$(BUILD)/obj/%.o: src/%.c $(BUILD)/.flags | $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -MMD -MP -c -o $@ $<

$(BUILD)/obj/parser.o: $(BUILD)/gen/parser.c $(BUILD)/gen/lexer.h $(BUILD)/.flags
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(GENWARN) -MMD -MP -c -o $@ $<

$(BUILD)/obj/lexer.o: $(BUILD)/gen/lexer.c $(BUILD)/gen/parser.h $(BUILD)/.flags
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(GENWARN) -MMD -MP -c -o $@ $<

$(BUILD)/budc: $(OBJS) $(GENOBJS)
	$(CC) $(LDFLAGS) -o $@ $^

$(BUILD)/tests/%: tests/unit/%.c $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -MMD -MP -o $@ $< $(LIBOBJS) $(LDFLAGS) -lcmocka

-include $(OBJS:.o=.d) $(GENOBJS:.o=.d) $(UNIT_BINS:=.d)

# ---- set-up, demo and tests ----------------------------------------------

deps:
	@sh scripts/install-deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh $(BUILD)/budc out

check: deps
	@$(MAKE) --no-print-directory WERROR=1 test

test: all $(UNIT_BINS)
	@bash tests/run.sh $(BUILD)

unit: $(UNIT_BINS)
	@for t in $(UNIT_BINS); do $$t || exit 1; done

asan:
	@$(MAKE) --no-print-directory BUILD=build/asan WERROR=1 OPT="-O1 -g" \
	    SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" test

# ---- installation ----------------------------------------------------------

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/budc
	install -m 755 $(BUILD)/budc $(DESTDIR)$(PREFIX)/bin/budc
	cp -R stdlib/. $(DESTDIR)$(PREFIX)/share/budc/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/budc
	rm -rf $(DESTDIR)$(PREFIX)/share/budc

clean:
	rm -rf $(BUILD) out
