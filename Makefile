# genop - the two commands of the quick start, and the rest of the build.
#
#   make run     install what is missing, build, make a fresh demo database
#                (build/demo.db) and start genop serve on it; Ctrl-C stops it
#   make test    the same setup, then every test (unit tests, command-line
#                contract tests, the same under AddressSanitizer and
#                UndefinedBehaviorSanitizer, and a short fuzzing run)
#   make bench   benchmarks (figures go in README.md)
#   make fuzz    longer fuzzing runs
#
# Meson and ninja do the real work; this file only orders the steps.

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
BENCH_BUILD ?= build-bench
FUZZ_SECONDS ?= 60
# `make run`: the demo database (remade on every run) and where genop listens.
DEMO_DB     ?= $(BUILD)/demo.db
DEMO_LISTEN ?= 127.0.0.1:8086

.PHONY: all setup build run test unit-test asan-test fuzz-smoke fuzz bench clean

all: build

setup:
	@bash scripts/setup.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=debugoptimized

build: setup $(BUILD)/build.ninja
	@ninja -C $(BUILD)

# The demo prints its users and passwords, where to open genop and how to
# log in; then the server runs in the foreground until Ctrl-C.
run: build
	@./$(BUILD)/genop demo --db $(DEMO_DB) --force --url http://$(DEMO_LISTEN)
	@echo
	@echo "Starter genop på http://$(DEMO_LISTEN)/ med demodatabasen $(DEMO_DB). Stop med Ctrl-C."
	@exec ./$(BUILD)/genop serve --db $(DEMO_DB) --listen $(DEMO_LISTEN)

$(ASAN_BUILD)/build.ninja:
	meson setup $(ASAN_BUILD) --buildtype=debug -Db_sanitize=address,undefined \
	    -Db_lundef=false -Dc_args=-fno-sanitize-recover=all

$(FUZZ_BUILD)/build.ninja:
	CC=clang meson setup $(FUZZ_BUILD) --buildtype=debugoptimized -Dfuzz=true

$(BENCH_BUILD)/build.ninja:
	meson setup $(BENCH_BUILD) --buildtype=release

test: setup $(BUILD)/build.ninja $(ASAN_BUILD)/build.ninja $(FUZZ_BUILD)/build.ninja
	@ninja -C $(BUILD)
	@ninja -C $(ASAN_BUILD)
	@ninja -C $(FUZZ_BUILD)
	@bash tests/run.sh $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)

fuzz: setup $(FUZZ_BUILD)/build.ninja
	@ninja -C $(FUZZ_BUILD)
	bash tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

bench: setup $(BENCH_BUILD)/build.ninja
	@ninja -C $(BENCH_BUILD)
	bash bench/run.sh $(BENCH_BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(BENCH_BUILD)
