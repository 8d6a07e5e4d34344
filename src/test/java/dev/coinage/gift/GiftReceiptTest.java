package dev.coinage.gift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.coinage.catalog.GiftId;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.json.CoinageModule;
import org.junit.jupiter.api.Test;

class GiftReceiptTest {
    private static final ObjectMapper MAPPER =
            JsonMapper.builder().addModule(new CoinageModule()).build();
    private static final String JSON = "{\"transactionId\":7,\"key\":\"tap-1\",\"sender\":\"ana\",\"creator\":\"cleo\","
            + "\"gift\":\"rose\",\"count\":3,\"coinsSpent\":15,\"partsCredited\":14,\"residueParts\":1,"
            + "\"partsPerDiamond\":2,\"senderBalanceAfter\":85,\"holdPeriod\":\"2025112509\",\"replay\":false}";

    private static GiftReceipt receipt() {
        return new GiftReceipt(
                7,
                IdempotencyKey.of("tap-1"),
                UserId.of("ana"),
                UserId.of("cleo"),
                GiftId.of("rose"),
                3,
                15,
                14,
                1,
                2,
                85,
                "2025112509",
                false);
    }

    @Test
    void aReceiptIsWrittenAsOneFlatObjectOfItsComponentsInOrder() throws Exception {
        assertThat(MAPPER.writeValueAsString(receipt())).isEqualTo(JSON);
    }

    @Test
    void aReceiptIsReadBack() throws Exception {
        assertThat(MAPPER.readValue(JSON, GiftReceipt.class)).isEqualTo(receipt());
    }

    @Test
    void wholeDiamondsAreTheFloorOfThePartsCredited() {
        assertThat(receipt().wholeDiamonds()).isEqualTo(7);
    }
}
