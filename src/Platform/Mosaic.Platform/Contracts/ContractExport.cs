using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Mosaic.Platform.Contracts;

public static class ContractExport
{
    /// <summary><c>--Mosaic:ExportServiceContract=FILE</c>: write the service's contract to FILE and stop.</summary>
    public const string Key = "Mosaic:ExportServiceContract";

    /// <summary>
    /// When the export is asked for, the service runs without a server: no port is bound, and the moment its
    /// request pipeline (and so every endpoint) is built, <see cref="ContractExportServer"/> writes the
    /// contract and stops the service.
    /// </summary>
    public static void AddContractExport(this WebApplicationBuilder builder, string service)
    {
        if (builder.Configuration[Key] is { Length: > 0 } file)
            builder.Services.AddSingleton<IServer>(services => new ContractExportServer(service, file, services));
    }
}
