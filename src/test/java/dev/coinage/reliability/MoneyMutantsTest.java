package dev.coinage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests written to kill surviving mutants of the money code (see docs/reliability.md). */
class MoneyMutantsTest {
    @Test
    void placeholderUntilTheMutationReportIsRead() {
        assertThat(dev.coinage.engine.Lots.mulDiv(7, 3, 2)).isEqualTo(10);
    }
}
