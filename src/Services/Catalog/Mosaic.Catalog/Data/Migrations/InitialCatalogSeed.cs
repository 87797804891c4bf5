namespace Mosaic.Catalog.Data.Migrations;

/// <summary>
/// The starting assortment, written out in full rather than read from code that may change later:
/// a migration must insert the same rows, with the same ids, on every machine and every day.
/// </summary>
public sealed partial class InitialCatalog
{
    private static readonly (Guid Id, string Name, string Category, string Description, long PriceCents, int Stock)[] Seed =
    [
        // books
        (new("ca7a1000-0000-4000-8000-000000000001"), "The Pragmatic Programmer", "books", "Twentieth anniversary edition of the classic on the craft of software development.", 4299, 40),
        (new("ca7a1000-0000-4000-8000-000000000002"), "Designing Data-Intensive Applications", "books", "Reliable, scalable and maintainable systems: replication, partitioning, transactions and streams.", 4750, 35),
        (new("ca7a1000-0000-4000-8000-000000000003"), "Release It!", "books", "Design and deploy production-ready software: timeouts, circuit breakers, bulkheads.", 3995, 25),
        (new("ca7a1000-0000-4000-8000-000000000004"), "Domain-Driven Design Distilled", "books", "A short tour of bounded contexts, aggregates and context mapping.", 2899, 30),
        (new("ca7a1000-0000-4000-8000-000000000005"), "The World Atlas of Coffee", "books", "From beans to brewing: coffee explored, explained and enjoyed, with maps of every origin.", 3450, 18),
        (new("ca7a1000-0000-4000-8000-000000000006"), "Salt, Fat, Acid, Heat", "books", "Mastering the elements of good cooking, illustrated.", 3100, 22),
        (new("ca7a1000-0000-4000-8000-000000000007"), "The Hobbit", "books", "Hardback edition with the author's own illustrations and maps.", 1999, 50),
        (new("ca7a1000-0000-4000-8000-000000000008"), "A Field Guide to Mountain Trails", "books", "Two hundred day hikes with elevation profiles and water sources.", 2450, 12),
        (new("ca7a1000-0000-4000-8000-000000000009"), "Site Reliability Engineering", "books", "How Google runs production systems: SLOs, error budgets and on-call.", 4400, 0),

        // coffee
        (new("ca7a1000-0000-4000-8000-000000000010"), "Ethiopia Yirgacheffe Beans 250 g", "coffee", "Washed heirloom varieties; jasmine, bergamot and lemon. Light roast for filter.", 1450, 120),
        (new("ca7a1000-0000-4000-8000-000000000011"), "Colombia Huila Beans 1 kg", "coffee", "Caramel, red apple and milk chocolate. Medium roast for filter or espresso.", 3900, 60),
        (new("ca7a1000-0000-4000-8000-000000000012"), "House Espresso Blend 1 kg", "coffee", "Brazil and Guatemala; dark chocolate and hazelnut, made for milk drinks.", 3400, 80),
        (new("ca7a1000-0000-4000-8000-000000000013"), "Decaf Peru Beans 250 g", "coffee", "Swiss water process decaf with notes of cocoa and brown sugar.", 1300, 45),
        (new("ca7a1000-0000-4000-8000-000000000014"), "Kenya AA Nyeri Beans 250 g", "coffee", "Blackcurrant, tomato and grapefruit acidity. Light roast.", 1690, 0),
        (new("ca7a1000-0000-4000-8000-000000000015"), "Cold Brew Coarse Grind 500 g", "coffee", "Pre-ground for a 12-hour steep; smooth, low acidity.", 1850, 70),
        (new("ca7a1000-0000-4000-8000-000000000016"), "Pour-Over Kettle 1 l", "coffee", "Gooseneck kettle with built-in thermometer for precise filter pouring.", 5900, 25),
        (new("ca7a1000-0000-4000-8000-000000000017"), "Hand Burr Grinder", "coffee", "Stainless steel conical burrs with 40 click settings, from espresso to French press.", 8900, 20),
        (new("ca7a1000-0000-4000-8000-000000000018"), "Paper Filters Size 02 (100)", "coffee", "Unbleached cone filters for pour-over drippers.", 650, 300),

        // kitchen
        (new("ca7a1000-0000-4000-8000-000000000020"), "Cast Iron Skillet 26 cm", "kitchen", "Pre-seasoned skillet that goes from hob to oven to campfire.", 3995, 40),
        (new("ca7a1000-0000-4000-8000-000000000021"), "Chef's Knife 20 cm", "kitchen", "Forged high-carbon stainless steel blade with a full tang.", 7900, 30),
        (new("ca7a1000-0000-4000-8000-000000000022"), "End-Grain Cutting Board", "kitchen", "Walnut end-grain board that is kind to knife edges.", 6500, 15),
        (new("ca7a1000-0000-4000-8000-000000000023"), "Stovetop Espresso Maker 6 Cup", "kitchen", "Classic aluminium moka pot for strong coffee on any hob.", 3200, 35),
        (new("ca7a1000-0000-4000-8000-000000000024"), "Digital Kitchen Scale", "kitchen", "Weighs to 0.1 g up to 3 kg, with a timer for brewing coffee.", 2499, 55),
        (new("ca7a1000-0000-4000-8000-000000000025"), "Enamelled Dutch Oven 5 l", "kitchen", "Heavy cast iron pot for bread, stews and braises.", 11900, 10),
        (new("ca7a1000-0000-4000-8000-000000000026"), "Silicone Spatula Set", "kitchen", "Three heat-resistant spatulas in different sizes.", 1499, 90),
        (new("ca7a1000-0000-4000-8000-000000000027"), "Glass Storage Jars (4)", "kitchen", "Airtight jars for beans, grains and pasta.", 2999, 0),

        // outdoors
        (new("ca7a1000-0000-4000-8000-000000000030"), "Two-Person Backpacking Tent", "outdoors", "Freestanding, 1.6 kg, with two doors and two vestibules.", 32900, 8),
        (new("ca7a1000-0000-4000-8000-000000000031"), "Down Sleeping Bag -5 °C", "outdoors", "Mummy bag with 650 fill power down, packs to the size of a loaf.", 24900, 12),
        (new("ca7a1000-0000-4000-8000-000000000032"), "Trekking Poles (Pair)", "outdoors", "Carbon fibre, folding, with cork grips.", 11900, 20),
        (new("ca7a1000-0000-4000-8000-000000000033"), "Headlamp 400 Lumen", "outdoors", "Rechargeable headlamp with red night mode.", 3999, 60),
        (new("ca7a1000-0000-4000-8000-000000000034"), "Insulated Water Bottle 750 ml", "outdoors", "Keeps drinks cold for 24 hours or hot for 12.", 2900, 100),
        (new("ca7a1000-0000-4000-8000-000000000035"), "Camping Stove", "outdoors", "Compact gas stove that boils a litre in three minutes; brews trail coffee too.", 4500, 25),
        (new("ca7a1000-0000-4000-8000-000000000036"), "Daypack 28 l", "outdoors", "Ventilated back panel, hip belt and rain cover.", 8900, 30),
        (new("ca7a1000-0000-4000-8000-000000000037"), "First Aid Kit", "outdoors", "Lightweight kit for two people on a weekend trip.", 2450, 45),

        // games
        (new("ca7a1000-0000-4000-8000-000000000040"), "Settlers of the Valley", "games", "Trade, build and settle: a strategy board game for 3 to 4 players.", 4499, 30),
        (new("ca7a1000-0000-4000-8000-000000000041"), "Ticket to Ride the Rails", "games", "Collect cards and claim railway routes across the map.", 4999, 25),
        (new("ca7a1000-0000-4000-8000-000000000042"), "Chess Set, Weighted Pieces", "games", "Tournament-size wooden board with weighted Staunton pieces.", 6900, 15),
        (new("ca7a1000-0000-4000-8000-000000000043"), "Deck-Building Card Game", "games", "Build your deck as you play; every game is different.", 3499, 40),
        (new("ca7a1000-0000-4000-8000-000000000044"), "Cooperative Pandemic Board Game", "games", "Work together to stop four diseases spreading across the world.", 3999, 20),
        (new("ca7a1000-0000-4000-8000-000000000045"), "1000-Piece Mountain Puzzle", "games", "An alpine lake at dawn in a thousand pieces.", 1899, 35),
        (new("ca7a1000-0000-4000-8000-000000000046"), "Party Word Game", "games", "Fast guessing game for 4 to 12 players.", 2299, 50),
        (new("ca7a1000-0000-4000-8000-000000000047"), "Polyhedral Dice Set", "games", "Seven resin dice for tabletop role-playing games.", 1299, 80),

        // audio
        (new("ca7a1000-0000-4000-8000-000000000050"), "Wireless Noise-Cancelling Headphones", "audio", "Over-ear, 30 hours of battery, adaptive noise cancelling.", 29900, 25),
        (new("ca7a1000-0000-4000-8000-000000000051"), "Studio Monitor Headphones", "audio", "Closed-back wired headphones with a flat response for mixing.", 14900, 18),
        (new("ca7a1000-0000-4000-8000-000000000052"), "Bluetooth Bookshelf Speakers", "audio", "A pair of powered speakers with Bluetooth and optical input.", 24900, 10),
        (new("ca7a1000-0000-4000-8000-000000000053"), "Portable Waterproof Speaker", "audio", "Rugged speaker for the outdoors, 12 hours per charge.", 7900, 40),
        (new("ca7a1000-0000-4000-8000-000000000054"), "USB Condenser Microphone", "audio", "Cardioid microphone for podcasts and calls.", 11900, 22),
        (new("ca7a1000-0000-4000-8000-000000000055"), "Turntable with Built-in Preamp", "audio", "Belt-drive record player that connects to any speaker.", 19900, 7),
        (new("ca7a1000-0000-4000-8000-000000000056"), "In-Ear Wireless Earbuds", "audio", "Sweat-resistant earbuds with a charging case.", 9900, 0),
        (new("ca7a1000-0000-4000-8000-000000000057"), "Headphone Amplifier", "audio", "Desktop amplifier and DAC for high-impedance headphones.", 17900, 9),
    ];
}
