/*
 * municipalities.c - the table of Denmark's 98 municipalities (see
 * municipalities.h) and its lookup.
 *
 * Source: the municipal division in force since 1 January 2007
 * (kommunalreformen), as Danmarks Statistik lists it (Statistikbanken,
 * "Kommuner", the NUTS/LAU code list) and the Danish Agency for Data
 * Supply and Infrastructure publishes it in DAGI (Danmarks Administrative
 * Geografiske Inddeling, "kommunekodeliste" on danmarksadresser.dk). The
 * names are DAGI's short names; the official names add "Kommune", except
 * Københavns Kommune and Bornholms Regionskommune. No code has changed
 * since 2007; the one change of name, Århus to Aarhus (2011), is in. Rows
 * are in ascending order of code: genop_municipality_find() searches them.
 */
#include "municipalities.h"

static const genop_municipality municipalities[GENOP_MUNICIPALITY_COUNT] = {
    {101, "København", "Københavns Kommune"},
    {147, "Frederiksberg", "Frederiksberg Kommune"},
    {151, "Ballerup", "Ballerup Kommune"},
    {153, "Brøndby", "Brøndby Kommune"},
    {155, "Dragør", "Dragør Kommune"},
    {157, "Gentofte", "Gentofte Kommune"},
    {159, "Gladsaxe", "Gladsaxe Kommune"},
    {161, "Glostrup", "Glostrup Kommune"},
    {163, "Herlev", "Herlev Kommune"},
    {165, "Albertslund", "Albertslund Kommune"},
    {167, "Hvidovre", "Hvidovre Kommune"},
    {169, "Høje-Taastrup", "Høje-Taastrup Kommune"},
    {173, "Lyngby-Taarbæk", "Lyngby-Taarbæk Kommune"},
    {175, "Rødovre", "Rødovre Kommune"},
    {183, "Ishøj", "Ishøj Kommune"},
    {185, "Tårnby", "Tårnby Kommune"},
    {187, "Vallensbæk", "Vallensbæk Kommune"},
    {190, "Furesø", "Furesø Kommune"},
    {201, "Allerød", "Allerød Kommune"},
    {210, "Fredensborg", "Fredensborg Kommune"},
    {217, "Helsingør", "Helsingør Kommune"},
    {219, "Hillerød", "Hillerød Kommune"},
    {223, "Hørsholm", "Hørsholm Kommune"},
    {230, "Rudersdal", "Rudersdal Kommune"},
    {240, "Egedal", "Egedal Kommune"},
    {250, "Frederikssund", "Frederikssund Kommune"},
    {253, "Greve", "Greve Kommune"},
    {259, "Køge", "Køge Kommune"},
    {260, "Halsnæs", "Halsnæs Kommune"},
    {265, "Roskilde", "Roskilde Kommune"},
    {269, "Solrød", "Solrød Kommune"},
    {270, "Gribskov", "Gribskov Kommune"},
    {306, "Odsherred", "Odsherred Kommune"},
    {316, "Holbæk", "Holbæk Kommune"},
    {320, "Faxe", "Faxe Kommune"},
    {326, "Kalundborg", "Kalundborg Kommune"},
    {329, "Ringsted", "Ringsted Kommune"},
    {330, "Slagelse", "Slagelse Kommune"},
    {336, "Stevns", "Stevns Kommune"},
    {340, "Sorø", "Sorø Kommune"},
    {350, "Lejre", "Lejre Kommune"},
    {360, "Lolland", "Lolland Kommune"},
    {370, "Næstved", "Næstved Kommune"},
    {376, "Guldborgsund", "Guldborgsund Kommune"},
    {390, "Vordingborg", "Vordingborg Kommune"},
    {400, "Bornholm", "Bornholms Regionskommune"},
    {410, "Middelfart", "Middelfart Kommune"},
    {420, "Assens", "Assens Kommune"},
    {430, "Faaborg-Midtfyn", "Faaborg-Midtfyn Kommune"},
    {440, "Kerteminde", "Kerteminde Kommune"},
    {450, "Nyborg", "Nyborg Kommune"},
    {461, "Odense", "Odense Kommune"},
    {479, "Svendborg", "Svendborg Kommune"},
    {480, "Nordfyns", "Nordfyns Kommune"},
    {482, "Langeland", "Langeland Kommune"},
    {492, "Ærø", "Ærø Kommune"},
    {510, "Haderslev", "Haderslev Kommune"},
    {530, "Billund", "Billund Kommune"},
    {540, "Sønderborg", "Sønderborg Kommune"},
    {550, "Tønder", "Tønder Kommune"},
    {561, "Esbjerg", "Esbjerg Kommune"},
    {563, "Fanø", "Fanø Kommune"},
    {573, "Varde", "Varde Kommune"},
    {575, "Vejen", "Vejen Kommune"},
    {580, "Aabenraa", "Aabenraa Kommune"},
    {607, "Fredericia", "Fredericia Kommune"},
    {615, "Horsens", "Horsens Kommune"},
    {621, "Kolding", "Kolding Kommune"},
    {630, "Vejle", "Vejle Kommune"},
    {657, "Herning", "Herning Kommune"},
    {661, "Holstebro", "Holstebro Kommune"},
    {665, "Lemvig", "Lemvig Kommune"},
    {671, "Struer", "Struer Kommune"},
    {706, "Syddjurs", "Syddjurs Kommune"},
    {707, "Norddjurs", "Norddjurs Kommune"},
    {710, "Favrskov", "Favrskov Kommune"},
    {727, "Odder", "Odder Kommune"},
    {730, "Randers", "Randers Kommune"},
    {740, "Silkeborg", "Silkeborg Kommune"},
    {741, "Samsø", "Samsø Kommune"},
    {746, "Skanderborg", "Skanderborg Kommune"},
    {751, "Aarhus", "Aarhus Kommune"},
    {756, "Ikast-Brande", "Ikast-Brande Kommune"},
    {760, "Ringkøbing-Skjern", "Ringkøbing-Skjern Kommune"},
    {766, "Hedensted", "Hedensted Kommune"},
    {773, "Morsø", "Morsø Kommune"},
    {779, "Skive", "Skive Kommune"},
    {787, "Thisted", "Thisted Kommune"},
    {791, "Viborg", "Viborg Kommune"},
    {810, "Brønderslev", "Brønderslev Kommune"},
    {813, "Frederikshavn", "Frederikshavn Kommune"},
    {820, "Vesthimmerlands", "Vesthimmerlands Kommune"},
    {825, "Læsø", "Læsø Kommune"},
    {840, "Rebild", "Rebild Kommune"},
    {846, "Mariagerfjord", "Mariagerfjord Kommune"},
    {849, "Jammerbugt", "Jammerbugt Kommune"},
    {851, "Aalborg", "Aalborg Kommune"},
    {860, "Hjørring", "Hjørring Kommune"},
};

const genop_municipality *genop_municipality_find(int code)
{
    size_t lo = 0, hi = GENOP_MUNICIPALITY_COUNT;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (municipalities[mid].code == code)
            return &municipalities[mid];
        if (municipalities[mid].code < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const genop_municipality *genop_municipality_at(size_t i)
{
    return i < GENOP_MUNICIPALITY_COUNT ? &municipalities[i] : NULL;
}
