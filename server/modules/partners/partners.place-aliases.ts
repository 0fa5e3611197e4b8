/**
 * Other names of Belgian municipalities, in French, Dutch or German, mapped to the municipality
 * code of the bundled bpost list (common/be-postcodes.csv, which names each municipality once:
 * French in Wallonia and Brussels, Dutch in Flanders, e.g. BRUXELLES, LIÈGE, ANTWERPEN, HALLE).
 *
 * Written by hand for this project from the municipalities' official names in the other national
 * languages (the bilingual names of the 19 Brussels communes, the Dutch and German names of
 * Walloon cities, the French names of Flemish cities); limited to names that differ once accents
 * are folded. Keys are folded as `fold()` folds (lower case, no accents, punctuation as spaces).
 * partners.place-aliases.test.ts checks that every target exists in the list.
 */
export const PLACE_ALIASES: Record<string, string> = {
  // Brussels-Capital: Dutch (and German) names of the 19 communes.
  // Brussel, Brüssel (folded alike), and the English name.
  brussel: 'bruxelles',
  brussels: 'bruxelles',
  'brussel stad': 'bruxelles',
  bruessel: 'bruxelles',
  schaarbeek: 'schaerbeek',
  elsene: 'ixelles',
  'sint gillis': 'saint-gilles',
  vorst: 'forest',
  'sint jans molenbeek': 'molenbeek-saint-jean',
  molenbeek: 'molenbeek-saint-jean',
  'sint joost ten node': 'saint-josse-ten-noode',
  oudergem: 'auderghem',
  'watermaal bosvoorde': 'watermael-boitsfort',
  'sint pieters woluwe': 'woluwe-saint-pierre',
  'sint lambrechts woluwe': 'woluwe-saint-lambert',
  'sint agatha berchem': 'berchem-sainte-agathe',
  ukkel: 'uccle',
  // Wallonia: Dutch and German names.
  luik: 'liege',
  // Lüttich.
  luttich: 'liege',
  bergen: 'mons',
  namen: 'namur',
  doornik: 'tournai',
  moeskroen: 'mouscron',
  aarlen: 'arlon',
  arel: 'arlon',
  hoei: 'huy',
  nijvel: 'nivelles',
  waver: 'wavre',
  edingen: 'enghien',
  aat: 'ath',
  lessen: 'lessines',
  zinnik: 'soignies',
  borgworm: 'waremme',
  wezet: 'vise',
  geldenaken: 'jodoigne',
  eigenbrakel: 'braine-l-alleud',
  's gravenbrakel': 'braine-le-comte',
  'ter hulpen': 'la-hulpe',
  // Flanders: French names.
  anvers: 'antwerpen',
  gand: 'gent',
  bruges: 'brugge',
  louvain: 'leuven',
  malines: 'mechelen',
  courtrai: 'kortrijk',
  ypres: 'ieper',
  alost: 'aalst',
  ostende: 'oostende',
  tongres: 'tongeren',
  'saint trond': 'sint-truiden',
  hal: 'halle',
  vilvorde: 'vilvoorde',
  audenarde: 'oudenaarde',
  termonde: 'dendermonde',
  // The list gives these two facility municipalities their French names.
  voeren: 'fourons',
  ronse: 'renaix',
}
