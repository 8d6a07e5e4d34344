package dev.coinage.store.memory;

import static org.quicktheories.QuickTheory.qt;

import dev.coinage.store.LedgerModelCheck;
import org.junit.jupiter.api.Test;

class InMemoryLedgerProperties {
    @Test
    void everyGeneratedSequenceKeepsTheInvariantsAndAgreesWithTheModel() {
        qt().withExamples(400)
                .forAll(LedgerModelCheck.sequences(1, 60))
                .checkAssert(ops -> LedgerModelCheck.run(InMemoryLedgerStore.create(), ops));
    }
}
