using Mosaic.Catalog.Domain;

namespace Mosaic.Catalog.Tests.Domain;

public sealed class ReservationTests
{
    private static readonly Guid Order = Guid.NewGuid();

    private static Product Kettle(int stock = 10) =>
        Product.Create(Guid.NewGuid(), "Pour-Over Kettle", "Coffee", "Gooseneck kettle", 5900, stock);

    [Fact]
    public void A_reservation_sets_the_units_aside_on_its_product()
    {
        var kettle = Kettle(stock: 10);

        var reservation = Reservation.Of(Order, kettle, 4);

        Assert.Equal(ReservationStatus.Reserved, reservation.Status);
        Assert.Equal(4, reservation.Quantity);
        Assert.Equal(6, kettle.Available);
    }

    [Fact]
    public void A_reservation_for_more_than_is_available_is_refused()
    {
        var kettle = Kettle(stock: 3);

        Assert.Throws<CatalogRuleException>(() => Reservation.Of(Order, kettle, 4));
        Assert.Equal(0, kettle.Reserved);
    }

    [Fact]
    public void Releasing_gives_the_units_back_once()
    {
        var kettle = Kettle(stock: 10);
        var reservation = Reservation.Of(Order, kettle, 4);

        reservation.Release(kettle);

        Assert.Equal(ReservationStatus.Released, reservation.Status);
        Assert.Equal(10, kettle.Available);
        Assert.Throws<CatalogRuleException>(() => reservation.Release(kettle));
        Assert.Throws<CatalogRuleException>(() => reservation.Commit(kettle));
        Assert.Equal(10, kettle.Available);
    }

    [Fact]
    public void Committing_sells_the_units_once()
    {
        var kettle = Kettle(stock: 10);
        var reservation = Reservation.Of(Order, kettle, 4);

        reservation.Commit(kettle);

        Assert.Equal(ReservationStatus.Committed, reservation.Status);
        Assert.Equal(6, kettle.Stock);
        Assert.Equal(0, kettle.Reserved);
        Assert.Throws<CatalogRuleException>(() => reservation.Release(kettle));
        Assert.Equal(6, kettle.Available);
    }

    [Fact]
    public void A_reservation_only_acts_on_its_own_product()
    {
        var kettle = Kettle();
        var other = Kettle();
        other.Reserve(4);
        var reservation = Reservation.Of(Order, kettle, 4);

        Assert.Throws<CatalogRuleException>(() => reservation.Release(other));
        Assert.Equal(4, other.Reserved);
    }
}
