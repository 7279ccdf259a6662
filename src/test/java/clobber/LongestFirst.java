package clobber;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;
import java.util.List;

/**
 * The order test classes start in (junit-platform.properties): the longest first, and among them
 * those that hold a shared resource ({@link SharedResources}), each beside others that do not (the
 * classes that wait for one resource run one after another whatever the cores do); the rest in
 * their default order. Three run at once, so a long class started last would be the suite's whole
 * tail.
 */
public final class LongestFirst implements ClassOrderer {
    private static final List<String> FIRST = List.of(
            "clobber.cli.HostsTeardownTest", "clobber.driver.process.CrashTest", "clobber.cli.RealFsDriversTest",
            "clobber.cli.HostileInputTest", "clobber.cli.SharedFsVerdictsTest", "clobber.cli.ReadmeTest",
            "clobber.driver.process.ProcessAndMixedDriversTest", "clobber.driver.blockdev.PowerCutTest",
            "clobber.strategy.FourPatternsTest", "clobber.cli.HostsServersTest", "clobber.cli.HostsDriverTest");

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(LongestFirst::rank));
    }

    private static int rank(ClassDescriptor descriptor) {
        int index = FIRST.indexOf(descriptor.getTestClass().getName());
        return index < 0 ? FIRST.size() : index;
    }
}
