package dev.resolute.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;

/**
 * The edges the design rests on. The worker's deterministic core reads no clock, randomness,
 * threads, sockets or configuration (replicas must compute the same state from the same commands);
 * plugins see only the SPI, never the kernel or each other; the SPI names no implementation;
 * endpoints reach data through the services other plugins provide, never storage itself.
 */
@AnalyzeClasses(packages = "dev.resolute", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String FSM = "dev.resolute.worker.fsm..";

    @ArchTest
    static final ArchRule fsmUsesNoJettyThreadsOrConfig = noClasses().that().resideInAPackage(FSM)
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "java.util.concurrent..", "java.net..",
                    "com.typesafe.config..", "dev.resolute.spi")
            .because("apply must compute the same state from the same commands on every replica: no I/O, threads or "
                    + "configuration besides its storage transaction (dev.resolute.spi itself holds the plugin and config API)");

    @ArchTest
    static final ArchRule fsmReadsNoClockOrRandomness = noClasses().that().resideInAPackage(FSM)
            .should().dependOnClassesThat().belongToAnyOf(Clock.class, Random.class, SecureRandom.class, Thread.class)
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(Math.class, "random")
            .because("time and random draws travel inside commands");

    @ArchTest
    static final ArchRule coreKnowsNoLogOrEngine = noClasses().that().resideInAnyPackage(FSM, "dev.resolute.worker.tables..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.resolute.worker.engine", "dev.resolute.worker.log..")
            .because("a replicated command log replaces the local one without touching the state machine or the tables "
                    + "(the engine's protobuf messages live in engine.pb, which both share)");

    @ArchTest
    static final ArchRule spiNamesNoImplementation = classes().that().resideInAPackage("dev.resolute.spi..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.resolute.spi..", "java..", "org.eclipse.jetty..")
            .because("the SPI is the contract: the JDK and Jetty's Handler/Server seam, nothing of the kernel or a plugin");

    @ArchTest
    static void pluginsSeeOnlyTheSpi(JavaClasses classes) {
        List<String> roots = pluginPackages(null);
        for (String root : roots) {
            List<String> forbidden = new ArrayList<>(List.of("dev.resolute.kernel.."));
            roots.stream().filter(other -> !other.equals(root) && !other.startsWith(root + ".")).forEach(other -> forbidden.add(other + ".."));
            noClasses().that().resideInAPackage(root + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because("a plugin is a folder that can be added or removed: it depends on the SPI alone")
                    .check(classes);
        }
    }

    @ArchTest
    static void endpointsDoNotReachStorage(JavaClasses classes) {
        for (String endpoint : pluginPackages(PluginKind.ENDPOINT)) {
            noClasses().that().resideInAPackage(endpoint + "..")
                    .should().dependOnClassesThat().resideInAPackage("dev.resolute.spi.storage..")
                    .because("endpoints speak protocols over the services the engine and the schema registry provide")
                    .check(classes);
        }
    }

    /** The root package of every installed plugin (of {@code kind}, or all when null): its factory's package. */
    private static List<String> pluginPackages(PluginKind kind) {
        List<String> roots = new ArrayList<>();
        for (PluginFactory factory : ServiceLoader.load(PluginFactory.class)) {
            if (kind == null || factory.kind() == kind) {
                roots.add(factory.getClass().getPackageName());
            }
        }
        if (roots.isEmpty()) {
            throw new IllegalStateException("no plugin factory on the class path: the rules would check nothing");
        }
        return roots;
    }
}
