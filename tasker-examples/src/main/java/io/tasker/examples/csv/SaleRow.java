package io.tasker.examples.csv;

/** One line of a sales CSV. */
public record SaleRow(long id, String region, String product, int quantity, long unitPriceCents) {

    public long revenueCents() {
        return quantity * unitPriceCents;
    }
}
