using Mosaic.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMosaic("catalog");
var app = builder.Build();
app.Run();

public partial class Program;
