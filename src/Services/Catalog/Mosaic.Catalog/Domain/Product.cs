namespace Mosaic.Catalog.Domain;

/// <summary>
/// Something the shop sells, with its stock. Units reserved for open orders stay on hand until the
/// order completes or is cancelled, so <see cref="Available"/> is what can still be promised.
/// Every change bumps <see cref="Version"/>, which the database compares on save: two writers that
/// read the same version cannot both win, which is what keeps concurrent reservations from overselling.
/// </summary>
public sealed class Product
{
    public const int NameMaxLength = 200;
    public const int CategoryMaxLength = 50;
    public const int DescriptionMaxLength = 2000;
    public const int MaxStock = 1_000_000;

    private Product(Guid id)
    {
        Id = id;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Category { get; private set; } = "";
    public string Description { get; private set; } = "";
    public long PriceCents { get; private set; }
    public int Stock { get; private set; }
    public int Reserved { get; private set; }
    public int Version { get; private set; }

    /// <summary>Name and description in lower case, so a text search is a plain substring match on any database.</summary>
    public string SearchText { get; private set; } = "";

    public int Available => Stock - Reserved;
    public decimal Price => Money.FromCents(PriceCents);

    public static Product Create(Guid id, string name, string category, string? description, long priceCents, int stock)
    {
        if (id == Guid.Empty) throw new CatalogRuleException("A product needs an id.");
        var product = new Product(id);
        product.Apply(name, category, description, priceCents, stock);
        product.Version = 1;
        return product;
    }

    /// <summary>Replaces the product's details. Stock may not drop below what is already reserved.</summary>
    public void Update(string name, string category, string? description, long priceCents, int stock)
    {
        Apply(name, category, description, priceCents, stock);
        Version++;
    }

    /// <summary>Sets units aside for an order; refuses rather than promise units that are not there.</summary>
    public void Reserve(int quantity)
    {
        if (quantity <= 0) throw new CatalogRuleException($"A reservation is for at least one unit, not {quantity}.");
        if (quantity > Available)
            throw new CatalogRuleException($"Cannot reserve {quantity} of '{Name}': only {Available} available.");
        Reserved += quantity;
        Version++;
    }

    /// <summary>Returns reserved units to what is available (an order was cancelled).</summary>
    public void Release(int quantity)
    {
        if (quantity <= 0) throw new CatalogRuleException($"A release is for at least one unit, not {quantity}.");
        if (quantity > Reserved)
            throw new CatalogRuleException($"Cannot release {quantity} of '{Name}': only {Reserved} reserved.");
        Reserved -= quantity;
        Version++;
    }

    /// <summary>Turns reserved units into a sale: they leave the shelf, so stock and reservation drop together.</summary>
    public void Commit(int quantity)
    {
        if (quantity <= 0) throw new CatalogRuleException($"A commit is for at least one unit, not {quantity}.");
        if (quantity > Reserved)
            throw new CatalogRuleException($"Cannot commit {quantity} of '{Name}': only {Reserved} reserved.");
        Stock -= quantity;
        Reserved -= quantity;
        Version++;
    }

    private void Apply(string name, string category, string? description, long priceCents, int stock)
    {
        name = (name ?? "").Trim();
        category = (category ?? "").Trim().ToLowerInvariant();
        description = (description ?? "").Trim();
        if (name.Length is 0 or > NameMaxLength)
            throw new CatalogRuleException($"A product name has 1 to {NameMaxLength} characters.");
        if (category.Length is 0 or > CategoryMaxLength)
            throw new CatalogRuleException($"A category has 1 to {CategoryMaxLength} characters.");
        if (description.Length > DescriptionMaxLength)
            throw new CatalogRuleException($"A description has at most {DescriptionMaxLength} characters.");
        if (priceCents <= 0 || priceCents > Money.MaxCents)
            throw new CatalogRuleException($"A price is more than 0 and at most {Money.FromCents(Money.MaxCents)}.");
        if (stock < 0 || stock > MaxStock)
            throw new CatalogRuleException($"Stock is between 0 and {MaxStock}, not {stock}.");
        if (stock < Reserved)
            throw new CatalogRuleException($"Stock cannot drop to {stock}: {Reserved} unit(s) of '{Name}' are reserved for open orders.");

        Name = name;
        Category = category;
        Description = description;
        PriceCents = priceCents;
        Stock = stock;
        SearchText = SearchTextOf(name, description);
    }

    /// <summary>How a search term and the stored text are brought to the same form.</summary>
    public static string NormalizeSearch(string text) => text.Trim().ToLowerInvariant();

    private static string SearchTextOf(string name, string description) =>
        NormalizeSearch(description.Length == 0 ? name : $"{name}\n{description}");
}
