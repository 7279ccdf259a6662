package clobber.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --update-cmd and --format given wrong (options split at |): one line saying what, exit 2, no report written. */
class UpdateCommandOptionsTest {

    @TempDir
    Path sandbox;

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "--update-cmd=touch {file}                                              # has no {key}",
            "--update-cmd=git config --file {file} s.{key} {value}|--format=ini|--writers=2 # clobber's strategies write JSON",
            "--format=yaml|--writers=0                                              # give --writer-cmd or --update-cmd",
            "--format=xml|--writers=0|--update-cmd=x {key}                          # unknown format 'xml'; known: json, yaml, toml, properties, ini",
            "--update-cmd=x {key}|--writer-cmd=y                                    # two kinds of external writer",
            "--update-cmd=x {key}|--workload=counter|--writers=0                    # runs the keys workload",
    })
    void oneLineAndExit2(String options, String expected) throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("cwd"));
        String[] given = options.trim().split("\\|");
        String[] args = new String[given.length + 4];
        args[0] = "run";
        args[1] = "--strategy";
        args[2] = "lockfile+atomic-replace";
        args[3] = "--driver=processes";
        for (int i = 0; i < given.length; i++) {
            args[4 + i] = given[i].trim();
        }
        ClobberProcess p = ClobberProcess.run(cwd, args);
        assertEquals(2, p.exit(), p.err());
        assertEquals(1, p.err().lines().count(), p.err());
        assertTrue(p.err().contains(expected.trim()), p.err());
        assertTrue(!Files.exists(cwd.resolve("reports")), "a report was written");
    }
}
