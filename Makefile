# Thin wrapper over CMake: the commands the README shows.
#   make run    build, migrate ./newsgraph.db, ingest examples/*.txt, serve on :8080
#   make test   sanitizer build (ASan+UBSan) and every test through CTest, then make valgrind
#   make valgrind  plain build; integration and unit tests under valgrind memcheck
#   make soak   the load (60 s) and crash (100 kills) tests in their long versions
#   make bench  benchmarks (bench/README.md)
#   make bench-scale  reads at 1k and 100k articles (bench/scale.sh; long: ~30 min)
#   make fuzz   libFuzzer targets, 60 s each (FUZZ_SECONDS=...)
BUILD ?= build
TEST_BUILD ?= build-test
# Plain (no sanitizer) build with the unit tests, for valgrind: ASan's shadow memory and
# valgrind do not mix, and `make build` configures without tests.
VALGRIND_BUILD ?= build-valgrind
JOBS ?= $(shell nproc)
PORT ?= 8080
DB ?= newsgraph.db

.PHONY: all deps build run test valgrind soak test-docker bench bench-scale fuzz format lint clean

all: build

deps:
	@scripts/deps.sh all

build:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNG_TESTS=OFF >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: deps build
	$(BUILD)/newsgraph migrate --db $(DB)
	$(BUILD)/newsgraph ingest --db $(DB) examples/*.txt
	$(BUILD)/newsgraph serve --db $(DB) --port $(PORT)

test: deps
	@cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DNG_SANITIZE=ON >/dev/null
	@cmake --build $(TEST_BUILD) -j $(JOBS)
	cd $(TEST_BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory valgrind

valgrind: deps
	@cmake -S . -B $(VALGRIND_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNG_TESTS=ON >/dev/null
	@cmake --build $(VALGRIND_BUILD) -j $(JOBS)
	bash scripts/valgrind_check.sh --bin $(VALGRIND_BUILD)/newsgraph --units $(VALGRIND_BUILD)/tests

# The long versions of the load and crash tests: 60 s of mixed load, 100 kill -9.
soak: deps
	@cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DNG_SANITIZE=ON >/dev/null
	@cmake --build $(TEST_BUILD) -j $(JOBS)
	cd $(TEST_BUILD) && NEWSGRAPH_SOAK_SECONDS=$${SOAK_SECONDS:-60} NEWSGRAPH_KILLS=$${SOAK_KILLS:-100} \
	  ctest --output-on-failure -V -R 'integration.test_(load|crash)'

test-docker: deps
	bash docker/test.sh

bench: deps build
	bash bench/run.sh

bench-scale: deps build
	bash bench/scale.sh

fuzz: deps
	@cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DNG_FUZZ=ON -DNG_TESTS=OFF >/dev/null
	@cmake --build build-fuzz -j $(JOBS)
	bash fuzz/run.sh build-fuzz $${FUZZ_SECONDS:-60}

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

lint:
	clang-format --dry-run -Werror $$(git ls-files '*.c' '*.h')
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --inline-suppr --suppress='unknownMacro:tests/unit/*' -I . $$(git ls-files '*.c')

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(VALGRIND_BUILD) build-fuzz
