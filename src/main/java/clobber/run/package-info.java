/**
 * Running experiments, as opposed to rendering them: the matrix of strategies and drivers, run
 * cell by cell, each run in a scratch directory of its own. {@code cli} drives it; {@code report}
 * never sees it, only the results.
 */
package clobber.run;
