# ---- mutation testing of the checker (issue 17) -----------------------------
#
#   make mutate                 every mutant of tests/mutants/mutants.txt
#   make mutate MUTANTS=B1,Z1   some of them
#
# tests/mutants/run.py copies the tree to a scratch directory, applies each
# mutant in turn, rebuilds and runs the suite (tests/run.sh, stopping at the
# first failure), and reports the mutants the suite fails to kill with the
# score.  It exits 1 when a mutant survives that is not argued equivalent in
# mutants.txt, or when a mutant no longer applies.  About 15 s per killed
# mutant and a whole suite per survivor.

MUTANTS ?=

.PHONY: mutate

mutate:
	@python3 tests/mutants/run.py $(if $(MUTANTS),--only $(MUTANTS))
