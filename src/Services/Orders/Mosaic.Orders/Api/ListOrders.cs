using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mosaic.Orders.Contracts;
using Mosaic.Orders.Data;
using Mosaic.Orders.Domain;
using Mosaic.Platform.Problems;

namespace Mosaic.Orders.Api;

/// <summary>GET /orders?page=1&amp;pageSize=20: the caller's orders, newest first.</summary>
internal static class ListOrders
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/orders", Handle).WithName("ListOrders").RequireAuthorization();

    // Paging arrives as text so that "page=abc" is reported against its field like any other bad value.
    private static async Task<IResult> Handle(OrdersDbContext db, HttpContext context, string? page, string? pageSize, CancellationToken cancellationToken)
    {
        if (Customer.IdOf(context.User) is not { } customerId) return Customer.NoSubject();
        if (!TryRead(page, 1, out var pageNumber) || pageNumber < 1)
            return Problem.Invalid("page", "page is a whole number from 1.");
        if (!TryRead(pageSize, OrderLimits.DefaultPageSize, out var size) || size is < 1 or > OrderLimits.MaxPageSize)
            return Problem.Invalid("pageSize", $"pageSize is a whole number from 1 to {OrderLimits.MaxPageSize}.");

        var mine = db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId);
        var total = await mine.CountAsync(cancellationToken);
        var offset = (long)(pageNumber - 1) * size;
        List<Order> orders = offset >= total
            ? []
            : await mine.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
                .Skip((int)offset).Take(size)
                .Whole()
                .ToListAsync(cancellationToken);

        return Results.Ok(new OrderPage(orders.Select(o => o.ToResponse()).ToList(), pageNumber, size, total));
    }

    private static bool TryRead(string? text, int fallback, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
