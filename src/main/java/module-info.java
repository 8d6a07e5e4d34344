/**
 * Coinage: the rules of a virtual-coin economy. Every package but the engine is exported; the engine is the
 * bookkeeping machinery the use cases share, and may change in any release.
 */
module dev.coinage {
    requires transitive java.money;
    requires org.javamoney.moneta;
    requires org.slf4j;
    requires transitive java.sql;
    requires static transitive com.fasterxml.jackson.databind;
    requires static org.apiguardian.api;
    requires static com.fasterxml.jackson.datatype.moneta;

    exports dev.coinage;
    exports dev.coinage.core;
    exports dev.coinage.catalog;
    exports dev.coinage.pricing;
    exports dev.coinage.ledger;
    exports dev.coinage.policy;
    exports dev.coinage.spi;
    exports dev.coinage.recharge;
    exports dev.coinage.gift;
    exports dev.coinage.earnings;
    exports dev.coinage.testing;
    exports dev.coinage.event;
    exports dev.coinage.store.memory;
    exports dev.coinage.store.jdbc;
    exports dev.coinage.json;

    provides com.fasterxml.jackson.databind.Module with
            dev.coinage.json.CoinageModule;
}
