///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//DEPS info.picocli:picocli:4.7.7
//DEPS org.eclipse.jgit:org.eclipse.jgit:7.8.1.202611041320-r
//DEPS org.eclipse.jgit:org.eclipse.jgit.ssh.apache:7.8.1.202611041320-r
//DEPS com.fasterxml.jackson.core:jackson-databind:2.23.0
//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-toml:2.23.0
//DEPS org.slf4j:slf4j-nop:2.0.20
//DEPS com.exceptionfactory.jagged:jagged-api:1.0.0
//DEPS com.exceptionfactory.jagged:jagged-x25519:1.0.0
//SOURCES commands/*.java
//SOURCES lib/*.java
//SOURCES lib/**/*.java
//JAVA_OPTIONS -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn24m

import commands.Continuum;
import lib.base.Utf8Locale;

/** Entry point: `jbang continuum.java <verb> ...`; everything else lives in commands/ and lib/. */
public class continuum {
    public static void main(String... args) {
        System.exit(Utf8Locale.rerunIfNeeded().orElseGet(() -> Continuum.run(args)));
    }
}
