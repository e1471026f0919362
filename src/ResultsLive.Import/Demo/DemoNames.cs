namespace ResultsLive.Import;

/// <summary>How place names are formed in a part of the UK: English market towns, London boroughs, Scottish, Welsh, Ulster.</summary>
internal enum DemoNameStyle
{
    English,
    London,
    Scottish,
    Welsh,
    NorthernIrish,
}

/// <summary>Invented, British-sounding names for the demo's seats and candidates: unique, and the same for the same seed.</summary>
/// <remarks>Names are composed from parts rather than taken from real places or people, so the demo never looks like a real result.</remarks>
internal static class DemoNames
{
    // A name that cannot be made unique within this many draws is drawn in a longer form instead.
    private const int Attempts = 50;

    // "North Ashby" and "Ashby North" both read as real seat names; "Mid" only goes first, "Central" only after.
    private static readonly string[] CompassBefore = ["North", "South", "East", "West", "Mid", "North East", "North West", "South East", "South West"];
    private static readonly string[] CompassAfter = ["North", "South", "East", "West", "Central"];

    private static readonly string[] Rivers = ["Avon", "Trent", "Wye", "Ouse", "Tyne", "Tees", "Severn", "Derwent", "Eden", "Tamar", "Nene", "Exe", "Dove", "Lune", "Wear", "Stour"];

    private static readonly Dictionary<DemoNameStyle, (string[] Starts, string[] Ends)> Parts = new()
    {
        [DemoNameStyle.English] = (
            ["Ash", "Brad", "Kel", "Mar", "Thorn", "Wex", "Hal", "Stan", "Brom", "Ald", "Chel", "Dun", "Fen", "Gran", "Hart", "Lang",
             "Mel", "Nor", "Pen", "Red", "Ship", "Tad", "Wal", "Whit", "Wood", "Ayl", "Bar", "Brig", "Caver", "Dray", "Elm", "Farn",
             "Holm", "Ilk", "Kings", "Lud", "Milt", "Ock", "Quen", "Ring", "Sand", "Tew", "Upp", "Yarn", "Cran", "Hazel", "Rother", "Sel"],
            ["by", "ton", "ford", "ham", "ley", "field", "bury", "wick", "thorpe", "minster", "borough", "combe", "stow", "worth",
             "well", "bridge", "mouth", "dale", "hurst", "caster", "stead", "den", "ing", "sey"]),
        [DemoNameStyle.London] = (
            ["Brent", "Hack", "Lam", "Stoke", "Wands", "Ken", "Har", "Mor", "Pad", "Sten", "Cam", "Pim", "Bal", "Clap", "Ful", "Ston",
             "Walth", "Ley", "Bow", "Lew", "Syd", "Til", "Ed", "Fins", "Hol", "Isle", "Mill", "New", "Old", "Bel"],
            ["wick", "ham", "well", "bury", "wood", "ton", "ford", "ney", "hithe", "gate", "stead", "don", "field", "sey", "ing", "cross"]),
        [DemoNameStyle.Scottish] = (
            ["Kil", "Inver", "Glen", "Auch", "Bal", "Dun", "Strath", "Kirk", "Fal", "Loch", "Cul", "Ard", "Craig", "Tor", "Aber", "Bran", "Mon", "Lin"],
            ["muir", "ness", "lochy", "kirk", "more", "holm", "bride", "ross", "dee", "lin", "carron", "haven", "ie", "keld", "gowan", "rie"]),
        [DemoNameStyle.Welsh] = (
            ["Llan", "Aber", "Pont", "Cwm", "Tre", "Bryn", "Pen", "Caer", "Maes", "Rhos", "Glyn", "Nant", "Tal", "Aman"],
            ["fach", "gwyn", "dare", "wen", "ydd", "goch", "ffordd", "lais", "tawe", "tegid", "ddu", "mawr", "garth", "fryn"]),
        [DemoNameStyle.NorthernIrish] = (
            ["Bally", "Carrick", "Dun", "Lis", "Kil", "Derry", "Glen", "Clogh", "Ennis", "Port", "Castle", "Mag", "Tully", "Drum"],
            ["mena", "more", "gannon", "fergus", "keel", "burn", "arty", "lough", "derg", "ane", "avady", "na", "clare", "owen"]),
    };

    private static readonly string[] FirstNames =
    [
        "Sarah", "James", "Emma", "David", "Priya", "Michael", "Aisha", "Thomas", "Rachel", "Daniel", "Fiona", "Andrew", "Helen",
        "Mohammed", "Claire", "Robert", "Sophie", "Richard", "Hannah", "Paul", "Laura", "Simon", "Rebecca", "Mark", "Nadia",
        "Christopher", "Joanna", "Stephen", "Catherine", "Peter", "Amira", "Gareth", "Siobhan", "Iain", "Morag", "Rhys", "Ffion",
        "Ciaran", "Niamh", "Callum", "Eilidh", "Owen", "Bethan", "Hamish", "Kirsty", "Rajesh", "Anjali", "Tariq", "Yasmin",
        "Oliver", "Charlotte", "Benjamin", "Lucy", "Samuel", "Grace", "Matthew", "Alice", "Joseph", "Ruth", "Adam", "Eleanor",
        "Jonathan", "Victoria", "Nicholas", "Harriet", "Alexander", "Imogen", "William", "Georgina", "Edward", "Abigail",
        "Kwame", "Adaeze", "Tomasz", "Agnieszka", "Kevin", "Tracey", "Gary", "Julie", "Neil", "Karen", "Graham", "Deborah",
        "Liam", "Chloe", "Nathan", "Jade", "Dylan", "Megan", "Ravinder", "Harpreet", "Sean", "Aoife", "Declan", "Roisin",
        "Malcolm", "Isla", "Angus", "Mairi", "Dafydd", "Cerys", "Marcus", "Zara", "Leon", "Naomi",
    ];

    private static readonly string[] Surnames =
    [
        "Thompson", "Patel", "Walker", "Hughes", "Ahmed", "Robinson", "Wright", "Khan", "Edwards", "Green", "Hall", "Wood",
        "Harris", "Clarke", "Jackson", "Turner", "Hill", "Moore", "Cooper", "Ward", "Morris", "King", "Baker", "Harrison",
        "Morgan", "Allen", "Young", "Mitchell", "Singh", "Begum", "Campbell", "Stewart", "MacDonald", "Fraser", "Murray",
        "Reid", "Robertson", "Ross", "McKenzie", "Grant", "Davies", "Jones", "Evans", "Williams", "Pritchard", "Llewellyn",
        "Powell", "Price", "Rees", "Griffiths", "O'Neill", "Murphy", "Kelly", "Quinn", "McCann", "Doherty", "Gallagher",
        "Brennan", "Carson", "Hamilton", "Bell", "Shaw", "Lawrence", "Fletcher", "Chapman", "Marsh", "Barker", "Holmes",
        "Webb", "Ellis", "Knight", "Dixon", "Hunt", "Palmer", "Mills", "Lloyd", "Fox", "Rose", "Stone", "Hussain", "Akhtar",
        "Rahman", "Chowdhury", "Mensah", "Okafor", "Adeyemi", "Nowak", "Kowalski", "Sharma", "Gill", "Sandhu", "Osei",
        "Bennett", "Gray", "Russell", "Pearce", "Sutton", "Holland", "Lamb", "Fisher", "Barnes", "Hayes", "Pearson", "Burton",
        "Atkinson", "Kaur", "Dawson", "Whitehead", "Fowler", "Nash", "Lowe", "Francis", "Moss", "Hartley", "Blackwood",
        "Ashworth", "Pemberton", "Fairclough", "Haworth", "Sheridan", "Ingram", "Kerr", "Munro", "Drummond", "Buchanan",
        "Ogilvie", "Vaughan", "Bowen", "Parry", "Meredith", "Maguire", "Donnelly", "Hegarty", "McAllister", "Forsyth",
        "Cartwright", "Greenwood", "Sinclair", "Whitfield", "Osborne", "Lambert", "Carver", "Ellison", "Hooper", "Rowe",
    ];

    /// <summary>Names every seat: seats in a city's inner ring after the city ("Ashby Central", "Ashby North West"), the rest from town names.</summary>
    public static void NameSeats(IReadOnlyList<DemoSeat> seats, DemoRandom random)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var cities = new Dictionary<int, string>();
        var citySeats = new Dictionary<int, List<DemoSeat>>();
        foreach (var seat in seats)
        {
            var style = seat.Region.Style;
            // Not every seat in a city's inner ring carries its name: real cities share seats with their neighbours.
            if (seat.CityQuarter is { } quarter && style != DemoNameStyle.London && (quarter.Quarter == "Central" || random.Chance(0.55)))
            {
                if (!cities.TryGetValue(quarter.City, out var city))
                {
                    city = Unique(used, () => Town(style, random), random);
                    cities.Add(quarter.City, city);
                }

                if (used.Add($"{city} {quarter.Quarter}"))
                {
                    seat.Name = $"{city} {quarter.Quarter}";
                    citySeats.TryAdd(quarter.City, []);
                    citySeats[quarter.City].Add(seat);
                    continue;
                }
            }

            seat.Name = Unique(used, () => PlaceName(style, seat.Coastal, random), random);
        }

        // A town with one seat is just "Ashby", not "Ashby Central" (the bare name was reserved when the town was named).
        foreach (var (city, named) in citySeats)
        {
            if (named is [var only])
            {
                only.Name = cities[city];
            }
        }
    }

    /// <summary>A candidate's name, unique across the election so that no two candidates can be confused in the feed.</summary>
    public static (string Name, string Surname, string FirstName) Candidate(HashSet<string> used, DemoRandom random)
    {
        for (var attempt = 0; ; attempt++)
        {
            var first = random.Pick(FirstNames);
            var surname = random.Pick(Surnames);

            // Once the plain names run short (thousands of seats), a middle initial keeps them unique.
            var given = attempt < Attempts ? first : $"{first} {(char)('A' + random.Next(26))}.";
            var name = $"{given} {surname}";
            if (used.Add(name))
            {
                return (name, surname, given);
            }
        }
    }

    private static string Unique(HashSet<string> used, Func<string> draw, DemoRandom random)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var name = draw();
            if (used.Add(name))
            {
                return name;
            }
        }

        // "X and Y" has over a million forms; a hundred more draws of it always find a free one.
        for (var attempt = 0; attempt < 100 * Attempts; attempt++)
        {
            var name = $"{draw()} and {draw()}";
            if (used.Add(name))
            {
                return name;
            }
        }

        throw new InvalidOperationException($"Could not invent a unique name after {101 * Attempts} attempts.");
    }

    private static string PlaceName(DemoNameStyle style, bool coastal, DemoRandom random)
    {
        var roll = random.Uniform();
        if (coastal && style != DemoNameStyle.London && roll < 0.15)
        {
            return style switch
            {
                DemoNameStyle.English => random.Chance(0.5) ? $"{Town(style, random)}-on-Sea" : $"{Town(style, random)} Bay",
                DemoNameStyle.Scottish => $"{Town(style, random)} and the Isles",
                DemoNameStyle.Welsh => $"{Town(style, random)} Bay",
                _ => $"{Town(style, random)} Coast",
            };
        }

        return roll switch
        {
            < 0.40 => Town(style, random),
            < 0.65 => $"{Town(style, random)} and {Town(style, random)}",
            < 0.78 => $"{random.Pick(CompassBefore)} {Town(style, random)}",
            < 0.86 => random.Chance(0.5) ? $"{Town(style, random)} Vale" : $"Vale of {Town(style, random)}",
            < 0.92 when style is DemoNameStyle.English => $"{Town(style, random)}-upon-{random.Pick(Rivers)}",
            < 0.92 => $"{Town(style, random)} {random.Pick(CompassAfter)}",
            _ => $"{Town(style, random)} and {Town(style, random)} Vale",
        };
    }

    private static string Town(DemoNameStyle style, DemoRandom random)
    {
        var (starts, ends) = Parts[style];
        var start = random.Pick(starts);
        var end = random.Pick(ends);

        // "Hart" + "ton" reads as "Harton", not "Hartton".
        return char.ToLowerInvariant(start[^1]) == end[0] ? start + end[1..] : start + end;
    }
}
