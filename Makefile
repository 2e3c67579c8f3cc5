# stagehand: `make` builds the jar, `make native` the binary, `make check` runs every test,
# `make demo` shows the generator on a built-in example. See README.md.
SHELL := /bin/bash
JAVA_HOME ?= /usr/lib/jvm/temurin-25-jdk-amd64
export JAVA_HOME
MVN ?= mvn -q -B
JAR := target/stagehand-0.1.0.jar
NATIVE := target/stagehand
SHARED ?= $(abspath $(CURDIR)/../shared)

.PHONY: all jar native check test check-jvm check-native demo install clean

all: jar

jar: $(JAR)
$(JAR): pom.xml $(shell find src/main -type f)
	$(MVN) -DskipTests package

test check-jvm:
	$(MVN) test

clean:
	rm -rf target
