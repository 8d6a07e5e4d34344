package dev.coinage.gift;

import static dev.coinage.gift.GiftingFixture.KR;
import static dev.coinage.gift.GiftingFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coinage.catalog.GiftContext;
import dev.coinage.catalog.GiftId;
import dev.coinage.core.IdempotencyKey;
import dev.coinage.core.UserId;
import dev.coinage.ledger.AccountId;
import dev.coinage.ledger.IdempotencyConflictException;
import dev.coinage.ledger.InsufficientCoinsException;
import dev.coinage.ledger.LedgerSnapshot;
import dev.coinage.policy.MemberProfile;
import dev.coinage.policy.Standing;
import dev.coinage.store.LedgerInvariants;
import java.time.LocalDate;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SendGiftTest {
    private final GiftingFixture f = new GiftingFixture();
    private final UserId viewer = f.viewer("viewer", 100_000);
    private final UserId creator = f.creator("creator");
    private int keys;

    private GiftRequest gift(String gift, long count) {
        return new GiftRequest(
                IdempotencyKey.of("tap-" + keys++),
                viewer,
                creator,
                GiftId.of(gift),
                count,
                GiftContext.LIVE,
                "live-1");
    }

    /** Runs a call that must fail and checks that it wrote nothing. */
    private <T extends Throwable> T refused(Class<T> type, ThrowingCallable call) {
        LedgerSnapshot before = f.store.snapshot();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(type);
        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
        LedgerInvariants.check(f.store, Set.of());
        return type.cast(thrown);
    }

    @Test
    void aGiftDebitsPriceTimesCountAndHoldsTheCreatorsPartsInTheHourOfTheGift() {
        GiftReceipt r = f.gifting.send(gift("finger-heart", 3));

        assertThat(r.coinsSpent()).isEqualTo(15);
        assertThat(r.partsCredited()).isEqualTo(15); // 1/2 share: one part per coin, two parts per diamond
        assertThat(r.partsPerDiamond()).isEqualTo(2);
        assertThat(r.residueParts()).isZero();
        assertThat(r.senderBalanceAfter()).isEqualTo(99_985);
        assertThat(r.holdPeriod()).isEqualTo("2025112509");
        assertThat(r.replay()).isFalse();
        assertThat(f.coins(viewer)).isEqualTo(99_985);
        assertThat(f.store.balance(AccountId.creatorHold(creator, "2025112509")))
                .isEqualTo(15);
        assertThat(f.diamonds(creator)).isZero();
        LedgerInvariants.check(f.store, Set.of());
    }

    @Test
    void aRetriedSendReturnsTheFirstReceiptAndWritesNothing() {
        GiftRequest request = gift("rose", 5);
        GiftReceipt first = f.gifting.send(request);
        LedgerSnapshot before = f.store.snapshot();
        f.clock.advance(java.time.Duration.ofDays(30)); // even when the gift could not be sent any more

        GiftReceipt again = f.gifting.send(request);

        assertThat(again.replay()).isTrue();
        assertThat(again.transactionId()).isEqualTo(first.transactionId());
        assertThat(again.coinsSpent()).isEqualTo(5);
        assertThat(again.senderBalanceAfter()).isEqualTo(first.senderBalanceAfter());
        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
    }

    @Test
    void aRetryInTheSameHourIsFoundByTheKeysClaimAndWritesNothing() {
        GiftRequest request = gift("rose", 5);
        GiftReceipt first = f.gifting.send(request);
        f.gifting.send(gift("rose", 1)); // the accounts of the gift are now known to be open
        LedgerSnapshot before = f.store.snapshot();

        GiftReceipt again = f.gifting.send(request);

        assertThat(again.replay()).isTrue();
        assertThat(again.transactionId()).isEqualTo(first.transactionId());
        assertThat(again.senderBalanceAfter()).isEqualTo(first.senderBalanceAfter());
        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
        assertThat(f.coins(viewer)).isEqualTo(100_000 - 6);
    }

    @Test
    void aRetryAfterTheCoinsRanOutIsStillAReplay() {
        UserId poor = f.viewer("poor", 5);
        GiftRequest request = new GiftRequest(
                IdempotencyKey.of("all-in"), poor, creator, GiftId.of("rose"), 5, GiftContext.LIVE, "l");
        GiftReceipt first = f.gifting.send(request);
        assertThat(f.coins(poor)).isZero();
        LedgerSnapshot before = f.store.snapshot();

        GiftReceipt again = f.gifting.send(request);

        assertThat(again.replay()).isTrue();
        assertThat(again.transactionId()).isEqualTo(first.transactionId());
        assertThat(f.store.snapshot().balances()).isEqualTo(before.balances());
        // A new gift with another key is refused for want of coins.
        refused(
                InsufficientCoinsException.class,
                () -> f.gifting.send(new GiftRequest(
                        IdempotencyKey.of("one-more"), poor, creator, GiftId.of("rose"), 1, GiftContext.LIVE, "l")));
    }

    @Test
    void theSameKeyForAnotherGiftIsAConflict() {
        GiftRequest request = gift("rose", 5);
        f.gifting.send(request);

        IdempotencyConflictException e =
                refused(IdempotencyConflictException.class, () -> f.gifting.send(request.withCount(6)));
        assertThat(e.key()).isEqualTo(request.key());
    }

    @Test
    void anUnknownGiftIsRefused() {
        UnknownGiftException e = refused(UnknownGiftException.class, () -> f.gifting.send(gift("unicorn", 1)));
        assertThat(e.gift()).isEqualTo(GiftId.of("unicorn"));
    }

    @Test
    void aLiveOnlyGiftIsRefusedOnAVideo() {
        GiftRequest onVideo = new GiftRequest(
                IdempotencyKey.of("v"), viewer, creator, GiftId.of("gg"), 1, GiftContext.VIDEO, "video-9");
        GiftNotAllowedException e = refused(GiftNotAllowedException.class, () -> f.gifting.send(onVideo));
        assertThat(e.reason()).isEqualTo(GiftNotAllowedException.Reason.CONTEXT);
        assertThat(e.context()).isEqualTo(GiftContext.VIDEO);
    }

    @Test
    void aGiftOutsideItsAvailabilityWindowIsRefused() {
        GiftNotAllowedException e = refused(GiftNotAllowedException.class, () -> f.gifting.send(gift("pumpkin", 1)));
        assertThat(e.reason()).isEqualTo(GiftNotAllowedException.Reason.OUTSIDE_WINDOW);
        assertThat(e.at()).isEqualTo(NOW);
    }

    @Test
    void aCountBelowOneIsAProgrammingError() {
        assertThatThrownBy(() -> gift("rose", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> gift("rose", -3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCountWhoseCostOverflowsIsRefusedWithTheNumbers() {
        IllegalArgumentException e =
                refused(IllegalArgumentException.class, () -> f.gifting.send(gift("lion", Long.MAX_VALUE / 1000)));
        assertThat(e).hasMessageContaining("29999").hasMessageContaining("overflows");
    }

    @Test
    void notEnoughCoinsCarriesRequiredAndAvailable() {
        UserId poor = f.viewer("poor", 10);
        GiftRequest r = new GiftRequest(
                IdempotencyKey.of("p"), poor, creator, GiftId.of("perfume"), 1, GiftContext.LIVE, "live-1");
        InsufficientCoinsException e = refused(InsufficientCoinsException.class, () -> f.gifting.send(r));
        assertThat(e.required()).isEqualTo(20);
        assertThat(e.available()).isEqualTo(10);
    }

    @Test
    void aSenderWithoutAWalletHasNoCoins() {
        UserId fresh = f.viewer("fresh", 0);
        GiftRequest r = new GiftRequest(
                IdempotencyKey.of("p"), fresh, creator, GiftId.of("rose"), 1, GiftContext.LIVE, "live-1");
        InsufficientCoinsException e = refused(InsufficientCoinsException.class, () -> f.gifting.send(r));
        assertThat(e.available()).isZero();
    }

    @Test
    void sendingToOneselfIsRefused() {
        GiftRequest self = new GiftRequest(
                IdempotencyKey.of("s"), viewer, viewer, GiftId.of("rose"), 1, GiftContext.LIVE, "live-1");
        NotEligibleException e = refused(NotEligibleException.class, () -> f.gifting.send(self));
        assertThat(e.reason()).isEqualTo(NotEligibleException.Reason.SELF_GIFT);
        assertThat(e.party()).isEqualTo(NotEligibleException.Party.SENDER);
        assertThat(e.user()).isEqualTo(viewer);
        assertThat(e.region()).isEmpty();
        assertThat(e.age()).isEmpty();
        assertThat(e.standing()).isEmpty();
    }

    private NotEligibleException senderRefused(MemberProfile profile) {
        f.members.put(viewer, profile);
        return refused(NotEligibleException.class, () -> f.gifting.send(gift("rose", 1)));
    }

    @Test
    void aSenderUnder18IsRefusedWithAgeAndMinimum() {
        // 17 on 2025-11-25
        NotEligibleException e =
                senderRefused(new MemberProfile(LocalDate.of(2008, 1, 1), GiftingFixture.US, Standing.GOOD, false));
        assertThat(e.party()).isEqualTo(NotEligibleException.Party.SENDER);
        assertThat(e.reason()).isEqualTo(NotEligibleException.Reason.TOO_YOUNG);
        assertThat(e.age()).hasValue(17);
        assertThat(e.minimumAge()).hasValue(18);
        assertThat(e.region()).contains(GiftingFixture.US);
        assertThat(e.standing()).isEmpty();
        assertThat(e).hasMessageContaining("age 17, minimum in US is 18");
    }

    @Test
    void aBirthDateAfterTheGiftIsReportedAsAgeZero() {
        NotEligibleException e =
                senderRefused(new MemberProfile(LocalDate.of(2030, 1, 1), GiftingFixture.US, Standing.GOOD, false));
        assertThat(e.reason()).isEqualTo(NotEligibleException.Reason.TOO_YOUNG);
        assertThat(e.age()).hasValue(0);
        assertThat(e.minimumAge()).hasValue(18);
    }

    @Test
    void anEighteenYearOldMaySendInTheUsButNotInKorea() {
        LocalDate eighteen = LocalDate.of(2007, 11, 25); // 18 today
        f.members.put(viewer, new MemberProfile(eighteen, GiftingFixture.US, Standing.GOOD, false));
        assertThat(f.gifting.send(gift("rose", 1)).coinsSpent()).isEqualTo(1);

        NotEligibleException e = senderRefused(new MemberProfile(eighteen, KR, Standing.GOOD, false));
        assertThat(e.reason()).isEqualTo(NotEligibleException.Reason.TOO_YOUNG);
        assertThat(e.minimumAge()).hasValue(19);
        assertThat(e.region()).contains(KR);
    }

    @Test
    void theDayBeforeTheirBirthdayAMemberIsStillTooYoung() {
        NotEligibleException e =
                senderRefused(new MemberProfile(LocalDate.of(2007, 11, 26), GiftingFixture.US, Standing.GOOD, false));
        assertThat(e.age()).hasValue(17);
    }

    @Test
    void aSuspendedSenderIsRefused() {
        NotEligibleException e =
                senderRefused(new MemberProfile(GiftingFixture.ADULT, GiftingFixture.US, Standing.SUSPENDED, false));
        assertThat(e.reason()).isEqualTo(NotEligibleException.Reason.STANDING);
        assertThat(e.standing()).contains(Standing.SUSPENDED);
        assertThat(e.region()).contains(GiftingFixture.US);
        assertThat(e.age()).isEmpty();
        assertThat(e.minimumAge()).isEmpty();
    }

    @Test
    void anUnknownSenderIsRefused() {
        f.members.remove(viewer);
        NotEligibleException e = refused(NotEligibleException.class, () -> f.gifting.send(gift("rose", 1)));
        assertThat(e.reason()).isEqualTo(NotEligibleException.Reason.UNKNOWN_MEMBER);
        assertThat(e.party()).isEqualTo(NotEligibleException.Party.SENDER);
        assertThat(e.region()).isEmpty();
        assertThat(e.standing()).isEmpty();
    }

    @Test
    void aRegionalGiftIsRefusedOutsideItsRegion() {
        NotEligibleException e = refused(NotEligibleException.class, () -> f.gifting.send(gift("hanbok", 1)));
        assertThat(e.reason()).isEqualTo(NotEligibleException.Reason.REGION);
        assertThat(e.region()).contains(GiftingFixture.US);
        assertThat(e).hasMessageContaining("gift hanbok is not offered in US");

        f.members.put(viewer, new MemberProfile(GiftingFixture.ADULT, KR, Standing.GOOD, false));
        assertThat(f.gifting.send(gift("hanbok", 1)).coinsSpent()).isEqualTo(199);
    }

    @Test
    void aCreatorWhoMayNotReceiveOrIsBannedOrUnknownIsRefused() {
        f.members.put(creator, new MemberProfile(GiftingFixture.ADULT, GiftingFixture.US, Standing.GOOD, false));
        NotEligibleException e = refused(NotEligibleException.class, () -> f.gifting.send(gift("rose", 1)));
        assertThat(e.party()).isEqualTo(NotEligibleException.Party.CREATOR);
        assertThat(e.reason()).isEqualTo(NotEligibleException.Reason.CANNOT_RECEIVE);
        assertThat(e.user()).isEqualTo(creator);
        assertThat(e.region()).contains(GiftingFixture.US);
        assertThat(e.standing()).isEmpty();

        f.members.put(creator, new MemberProfile(GiftingFixture.ADULT, GiftingFixture.US, Standing.BANNED, true));
        e = refused(NotEligibleException.class, () -> f.gifting.send(gift("rose", 1)));
        assertThat(e.reason()).isEqualTo(NotEligibleException.Reason.STANDING);
        assertThat(e.party()).isEqualTo(NotEligibleException.Party.CREATOR);
        assertThat(e.standing()).contains(Standing.BANNED);

        f.members.remove(creator);
        e = refused(NotEligibleException.class, () -> f.gifting.send(gift("rose", 1)));
        assertThat(e.reason()).isEqualTo(NotEligibleException.Reason.UNKNOWN_MEMBER);
        assertThat(e.party()).isEqualTo(NotEligibleException.Party.CREATOR);
    }

    @Test
    void aMembersPortThatFailsFailsTheGiftAndWritesNothing() {
        Gifting failing = Gifting.builder(dev.coinage.pricing.ExampleEconomy.definition(), f.store)
                .members(u -> {
                    throw new IllegalStateException("directory down");
                })
                .clock(f.clock)
                .build();
        refused(IllegalStateException.class, () -> failing.send(gift("rose", 1)));
    }

    @Test
    void aBuilderWithoutMembersIsRefused() {
        assertThatThrownBy(() -> Gifting.builder(dev.coinage.pricing.ExampleEconomy.definition(), f.store)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("members");
    }
}
