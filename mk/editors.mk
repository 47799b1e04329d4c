# ---- editor support: highlighting, completion, the manual page ---------------
#
#   make editors-test     the TextMate grammar against every .bud file of the
#                         tree (editors/vscode/test; npm ci when node_modules
#                         is missing)
#   make editors-deps     node and npm, when missing (scripts/install-deps.sh editors;
#                         part of make deps)
#   make install-man      the manual page and the bash completion (part of
#                         make install; uninstall-man is part of uninstall)
#
# tests/run.sh runs the same grammar test, and those of Vim, the manual page
# and the completion, through tests/outputs/editors.sh.  docs/editors.md says
# how to use the editor files.

EDITORS_TEST := editors/vscode/test
NPM          ?= npm
NODE         ?= node
MANDIR       ?= $(PREFIX)/share/man
BASHCOMPDIR  ?= $(PREFIX)/share/bash-completion/completions

.PHONY: editors-test editors-deps editors-node-modules install-man uninstall-man

deps: editors-deps

editors-deps:
	@sh scripts/install-deps.sh editors

editors-node-modules:
	@command -v $(NODE) >/dev/null 2>&1 && command -v $(NPM) >/dev/null 2>&1 || \
	    { echo "editors-test: node and npm are needed: make editors-deps (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	@test -d $(EDITORS_TEST)/node_modules/vscode-textmate || \
	    { echo "editors-test: installing vscode-textmate 9.3.2 and vscode-oniguruma 2.0.1 (pinned by editors/vscode/test/package-lock.json) from the npm registry into editors/vscode/test/node_modules: the grammar test tokenizes with the engine VS Code itself uses; nothing is installed outside that folder" >&2; \
	      cd $(EDITORS_TEST) && $(NPM) ci --prefer-offline --no-audit --no-fund --loglevel=error; }

editors-test: editors-node-modules
	@$(NODE) $(EDITORS_TEST)/test-grammar.js

install: install-man
uninstall: uninstall-man

install-man:
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 644 docs/budc.1 $(DESTDIR)$(MANDIR)/man1/budc.1
	install -m 644 completion/budc.bash $(DESTDIR)$(BASHCOMPDIR)/budc

uninstall-man:
	rm -f $(DESTDIR)$(MANDIR)/man1/budc.1 $(DESTDIR)$(BASHCOMPDIR)/budc
