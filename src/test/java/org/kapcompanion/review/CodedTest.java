package org.kapcompanion.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodedTest {

  @Test
  void aCodeNamesItsConstantAndAnyOtherValueNamesNone() {
    assertThat(Coded.ofCode(ReviewReason.class, "adverse-event")).contains(ReviewReason.ADVERSE_EVENT);
    assertThat(Coded.ofCode(ReviewStatus.class, "changed-after-review")).contains(ReviewStatus.CHANGED_AFTER_REVIEW);
    assertThat(Coded.ofCode(QueueFilter.Status.class, "all")).contains(QueueFilter.Status.ALL);
    assertThat(Coded.ofCode(ReviewReason.class, "ADVERSE_EVENT")).isEmpty();
    assertThat(Coded.ofCode(ReviewStatus.class, null)).isEmpty();
  }
}
