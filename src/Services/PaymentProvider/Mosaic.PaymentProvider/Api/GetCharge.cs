using Microsoft.EntityFrameworkCore;
using Mosaic.PaymentProvider.Data;
using Mosaic.Platform.Problems;

namespace Mosaic.PaymentProvider.Api;

/// <summary>GET /charges/{id}: one charge from the ledger.</summary>
internal static class GetCharge
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/charges/{id}", Handle).WithName("GetCharge");

    private static async Task<IResult> Handle(string id, LedgerDbContext db, CancellationToken cancellationToken)
    {
        var charge = await ChargeQueries.ById(db, id, cancellationToken);
        return charge is null ? Problem.NotFound($"There is no charge with id {id}.") : Results.Ok(charge.ToResponse());
    }
}
