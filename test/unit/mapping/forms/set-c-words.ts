/**
 * Word pools for forms set C: owners (surnames, places, towns, brands) and trade templates per
 * country, branch cities, legal forms, and the usual shortenings of trade words. `{O}` in a
 * template is the owner; the flags before `|` say which owners fit (s surname, p place, t town,
 * b brand) and `n` marks bodies without a legal form (churches, schools, councils, nonprofits).
 */
export type Country = 'US' | 'UK' | 'DE' | 'CA' | 'FR' | 'AU';

export const COUNTRY_WEIGHTS: [Country, number][] = [['US', 44], ['UK', 15], ['DE', 14], ['CA', 10], ['FR', 4], ['AU', 13]];

const w = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

const EN_SURNAMES = w(`Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Anderson, Taylor, Thomas, Moore, Martin,
  Jackson, Thompson, Harris, Clark, Lewis, Robinson, Walker, Young, Allen, Wright, Scott, Adams, Nelson, Carter, Mitchell,
  Roberts, Turner, Phillips, Campbell, Parker, Evans, Edwards, Collins, Stewart, Morris, Murphy, Rogers, Morgan, Cooper,
  Peterson, Reed, Bailey, Kelly, Howard, Richardson, Watson, Brooks, Bennett, Hughes, Sanders, Myers, Ross, Foster, Powell,
  Jenkins, Perry, Russell, Sullivan, Henderson, Coleman, Patterson, Jordan, Reynolds, Hamilton, Graham, Wallace, Hayes,
  Gibson, Ellis, Stevens, Murray, Owens, McDonald, Harrison, Kennedy, Wells, Chapman, Dixon, Palmer, Robertson, Holmes,
  Boyd, Warren, Patel, Nguyen, Chen, Kim, Singh, Shah, Garcia, Rodriguez, Martinez, Lopez, Gonzalez, Hernandez, Ramirez,
  Flores, Rivera, Torres, Castillo, O'Brien, O'Connor, O'Neill, D'Angelo, MacLeod, McKenzie, Fraser, Douglas, Lawson,
  Kowalski, Novak, Rossi, Bianchi, Costa, Papadopoulos, Nakamura, Tanaka, Okafor, Haddad, Cohen, Levy, Friedman, Goldberg,
  Brennan, Doyle, Gallagher, Quinn, Byrne, Walsh, Nolan, Hendricks, Vaughn, Whitaker, Donovan, Lindqvist, Sorensen,
  Halvorsen, Brandt, Vasquez, Delgado, Okonkwo, Abernathy, Kessler, Whitmore, Calloway, Prescott`);
const UK_SURNAMES = w(`Davies, Clarke, Khan, Hargreaves, Ashworth, Pemberton, Thornton, Radcliffe, Whitfield, Fairclough,
  Ogden, Entwistle, Sutcliffe, Bradshaw, Holroyd, Fletcher, Barlow, Atkinson, Cartwright, Marsden, McAllister, Buchanan,
  Lloyd, Griffiths, Pritchard, Llewellyn, Hollins, Burrows, Pickering, Kershaw`);
const DE_SURNAMES = w(`Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, Schäfer, Koch,
  Bauer, Richter, Klein, Wolf, Schröder, Neumann, Schwarz, Zimmermann, Braun, Krüger, Hartmann, Lange, Werner, Schmitz,
  Krause, Lehmann, Schulze, Köhler, Herrmann, König, Walter, Huber, Kaiser, Fuchs, Scholz, Möller, Weiß, Jung, Hahn, Vogel,
  Keller, Günther, Berger, Winkler, Roth, Lorenz, Baumann, Franke, Albrecht, Schuster, Ludwig, Böhm, Kraus, Schumacher,
  Krämer, Vogt, Jäger, Sommer, Groß, Seidel, Brandl, Haas, Schreiber, Ziegler, Kühn, Pohl, Engel, Horn, Busch, Bergmann,
  Voigt, Sauer, Pfeiffer, Thür, Dürr, Gößling, Böttcher, Jürgens, Lübke`);
const FR_SURNAMES = w(`Tremblay, Gagnon, Roy, Côté, Bouchard, Gauthier, Morin, Lavoie, Fortin, Gagné, Ouellet, Pelletier,
  Bélanger, Lévesque, Bergeron, Leblanc, Paquette, Girard, Simard, Boucher, Caron, Beaulieu, Cloutier, Dubé, Poirier,
  Fournier, Lapointe, Leclerc, Lefebvre, Poulin, Thibault, Ménard, Hébert, Lachance, Bérubé, Désilets, Théberge`);
const CA_SURNAMES = w(`MacDonald, MacKinnon, Wong, Leung, Chan, Gill, Sandhu, Grewal, Fraser, Beaton, McNeil, Tremblay`);
const AU_SURNAMES = w(`Tran, Ryan, Russo, Kovac, Nguyen, Papas, Hogan, Fitzgerald, Mahoney, Jovanovic, Petrovic, Karlsson`);

const EN_PLACES = w(`Riverside, Lakeside, Hillcrest, Oakwood, Cedar Creek, Pine Ridge, Willow Creek, Brookside, Fairview,
  Greenfield, Westfield, Northgate, Southpoint, Bayside, Heritage, Pioneer, Frontier, Crossroads, Meadowbrook, Stonebridge,
  Silver Lake, Blue Ridge, Red Rock, Golden Valley, Coastal, Prairie, Valley View, Mountain View, Sunrise, Evergreen,
  Ironwood, Copperfield, Highland, Parkside, Kingsway, Canyon Creek, Mesa Verde, Sierra, Timberline, Clearwater, Bridgewater,
  Foxhollow, Eagle Point, Deer Park, Springdale, Rolling Hills, Lakeview, Cedar Heights, Palm Springs, Maple Park`);
const UK_PLACES = w(`Thames Valley, Pennine, Cotswold, Wessex, Albion, Castlegate, Abbey, Priory, Millbrook, Oakfield,
  Hollybank, Beechwood, Elmhurst, Greenacre, Harbour View, Meadowbank, Chiltern, Mendip, Severn Vale, Fenland`);
const DE_PLACES = w(`Rhein, Elbe, Isar, Taunus, Spree, Alster, Schwarzwald, Harz, Eifel, Allgäu, Bodensee, Nordsee, Weser,
  Mosel, Ruhr, Havel, Odenwald, Neckar, Saar, Main-Tauber`);
const AU_PLACES = w(`Coral Coast, Sunshine Coast, Hunter Valley, Harbourside, Bayview, Blue Mountains, Southern Cross,
  Murray River, Red Gum, Wattle Park, Kangaroo Point, Gold Coast`);

export const TOWNS: Record<Country, string[]> = {
  US: w(`Springfield, Franklin, Greenville, Salem, Georgetown, Arlington, Ashland, Milford, Newport, Riverton, Lebanon,
    Auburn, Dover, Hudson, Kingston, Marion, Burlington, Centerville, Oakdale, Elmwood, Brookfield, Lakewood, Westport,
    Clarksville, Fairfield, Hanover, Plainview, Shelbyville, Winchester, Glenwood`),
  UK: w(`Ashford, Haslemere, Ripon, Thirsk, Whitby, Malton, Ludlow, Leek, Buxton, Frome, Marlow, Henley, Wokingham, Didcot,
    Bicester, Alnwick, Hexham, Tetbury, Otley, Skipton`),
  DE: w(`Bergheim, Waldkirch, Neustadt, Rosenheim, Heidenau, Lindau, Kempten, Freising, Erding, Dachau, Ottobrunn,
    Unterhaching, Weilheim, Starnberg, Bad Tölz, Bad Homburg, Königstein, Oberursel, Hünfeld, Gröbenzell, Füssen, Lörrach`),
  CA: w(`Oakville, Milton, Orillia, Barrie, Cobourg, Nanaimo, Canmore, Airdrie, Okotoks, Cochrane, Truro, Antigonish`),
  FR: w(`Lévis, Sherbrooke, Rimouski, Saguenay, Trois-Rivières, Drummondville, Granby, Joliette, Mirabel, Boucherville,
    Saint-Jérôme, Victoriaville`),
  AU: w(`Ballarat, Bendigo, Mildura, Dubbo, Orange, Bathurst, Wagga Wagga, Toowoomba, Mackay, Bunbury, Albany, Gympie`),
};

export const BRANDS = w(`Bright Smiles, Happy Paws, Precision, Elite, Blue Sky, Green Leaf, True North, Clear View, Prime,
  Apex, Silver Star, Red Door, Open Door, Little Steps, Sunshine, Rainbow, Summit, Pinnacle, Keystone, Cornerstone,
  Integrity, Reliable, Superior, Allied, United, Premier, Advanced, Modern, Classic, Signature, Sterling, Horizon, Compass,
  Beacon, Anchor, Lighthouse, Vertex, Zenith, Nova, Bluewater, Ironclad, Northstar, Trailhead, Greenway`);

export const OWNERS: Record<Country, { s: string[]; p: string[]; t: string[]; b: string[] }> = {
  US: { s: EN_SURNAMES, p: EN_PLACES, t: TOWNS.US, b: BRANDS },
  UK: { s: [...EN_SURNAMES.slice(0, 60), ...UK_SURNAMES], p: UK_PLACES, t: TOWNS.UK, b: BRANDS },
  DE: { s: DE_SURNAMES, p: DE_PLACES, t: TOWNS.DE, b: BRANDS.slice(0, 20) },
  CA: { s: [...EN_SURNAMES.slice(20, 90), ...CA_SURNAMES], p: EN_PLACES, t: TOWNS.CA, b: BRANDS },
  FR: { s: FR_SURNAMES, p: TOWNS.FR, t: TOWNS.FR, b: BRANDS.slice(20) },
  AU: { s: [...EN_SURNAMES.slice(0, 80), ...AU_SURNAMES], p: AU_PLACES, t: TOWNS.AU, b: BRANDS },
};

export const TRADES: Record<Country, string[]> = {
  US: w(`spb|{O} Dental, spb|{O} Family Dentistry, spb|{O} Orthodontics, sp|{O} Pediatric Dentistry, sp|{O} Oral Surgery,
    spb|{O} Medical Group, p|{O} Medical Center, spb|{O} Family Medicine, pb|{O} Pediatrics, spb|{O} Physical Therapy,
    spb|{O} Chiropractic, spb|{O} Eye Care, sp|{O} Dermatology, spb|{O} Veterinary Clinic, pb|{O} Animal Hospital,
    sp|{O} Pharmacy, sp|{O} Law Group, s|{O} Law Offices, s|{O} & Associates, spb|{O} Accounting, s|{O} CPA Group,
    spb|{O} Tax Services, spb|{O} Financial Services, spb|{O} Wealth Management, spb|{O} Insurance Agency, spb|{O} Realty,
    spb|{O} Property Management, spb|{O} Plumbing, spb|{O} Heating & Cooling, spb|{O} Electric, sp|{O} Electrical Contractors,
    spb|{O} Roofing, spb|{O} Construction, spb|{O} Builders, spb|{O} Landscaping, sp|{O} Painting, sp|{O} Flooring,
    sp|{O} Excavating, sp|{O} Engineering, sp|{O} Architects, spb|{O} Manufacturing, sp|{O} Machine Works, sp|{O} Tool & Die,
    pb|{O} Plastics, sp|{O} Metal Fabrication, spb|{O} Distribution, pb|{O} Supply, spb|{O} Logistics, s|{O} Trucking,
    spb|{O} Auto Repair, sp|{O} Automotive, pb|{O} Collision Center, spb|{O} Printing, pb|{O} Marketing, spb|{O} Consulting,
    pb|{O} Staffing, spb|{O} Cleaning Services, sp|{O} Pest Control, s|{O} Funeral Home, sp|{O} Hardware, pb|{O} Bakery,
    p|{O} Brewing Company, p|{O} Winery, p|{O} Golf Club, pb|{O} Fitness, pb|{O} Montessori School, pn|{O} Christian Academy,
    pn|{O} Baptist Church, pn|{O} Community Church, pn|{O} Lutheran Church, pn|{O} Food Bank, spn|{O} Foundation,
    pn|{O} Community Services, pn|{O} Credit Union, bn|{O} Animal Rescue, tn|{O} Historical Society,
    tn|{O} Chamber of Commerce, tn|{O} Public Library, tn|City of {O}, tn|Town of {O}, tn|Village of {O}, tn|{O} Township,
    tn|{O} School District, tn|{O} Fire District, tn|{O} Water District, sp|{O} Title Company, pb|{O} Home Health,
    p|{O} Senior Living, pn|{O} Hospice, spb|{O} Counseling, p|{O} Apartments, s|{O} Brothers, spb|{O} Industries,
    pb|{O} Technologies`),
  UK: w(`spb|{O} Dental Practice, p|{O} Surgery, p|{O} Medical Practice, s|{O} Solicitors, s|{O} & Co Solicitors,
    s|{O} Accountants, spb|{O} Estate Agents, sp|{O} Builders, sp|{O} Joinery, sp|{O} Electrical Services,
    sp|{O} Plumbing & Heating, s|{O} Haulage, sp|{O} Veterinary Surgery, s|{O} Opticians, tn|{O} Primary School,
    tn|{O} Parish Council, pn|{O} Academy, tn|{O} Town Council, pn|{O} Housing Association, pbn|{O} Trust,
    spb|{O} Engineering, sp|{O} Motors, sp|{O} Garage, pb|{O} Care Home, pb|{O} Physiotherapy, spb|{O} Property Management,
    pb|{O} Logistics, spb|{O} Financial Planning, pb|{O} Day Nursery, sp|{O} Roofing, s|{O} Chartered Surveyors`),
  DE: w(`s|Zahnarztpraxis Dr. {O}, s|Praxis Dr. {O}, s|Steuerberatung {O}, s|Kanzlei {O}, s|{O} & Partner Rechtsanwälte,
    s|{O} Steuerberater, sb|Autohaus {O}, spb|{O} Bau, sb|{O} Elektrotechnik, sb|{O} Haustechnik,
    s|{O} Sanitär- und Heizungstechnik, s|Tischlerei {O}, s|Bäckerei {O}, spb|{O} Maschinenbau, s|Physiotherapie {O},
    s|Tierarztpraxis {O}, pb|{O} Apotheke, tn|Gemeinde {O}, tn|Stadtwerke {O}, tn|Grundschule {O}, s|Ingenieurbüro {O},
    spb|{O} Logistik, s|Malerbetrieb {O}, s|Dachdeckerei {O}, spb|{O} Immobilien, s|Versicherungsbüro {O},
    spb|{O} Metallbau, pb|{O} Kunststofftechnik, s|Architekturbüro {O}, tn|Kindergarten {O}, sp|{O} Gebäudereinigung`),
  CA: w(`spb|{O} Dental Centre, spb|{O} Medical Clinic, s|{O} Law Professional Corporation,
    s|{O} Chartered Professional Accountants, sp|{O} Plumbing & Heating, spb|{O} Electric, sp|{O} Contracting,
    spb|{O} Physiotherapy, spb|{O} Veterinary Hospital, spb|{O} Realty, spb|{O} Insurance Brokers, s|{O} Trucking,
    sp|{O} Auto Service, tn|{O} Public School, tn|Township of {O}, tn|Town of {O}, tn|{O} Community Centre,
    tn|{O} Curling Club, pn|{O} Credit Union, spb|{O} Landscaping, sp|{O} Millwork, spb|{O} Manufacturing,
    spb|{O} Construction, sp|{O} Roofing, spb|{O} Property Management`),
  FR: w(`s|Clinique dentaire {O}, s|Centre dentaire {O}, s|Clinique médicale {O}, s|Pharmacie {O}, s|Notaires {O},
    s|{O} Avocats, s|{O} CPA, s|Construction {O}, s|Garage {O}, s|Clinique vétérinaire {O}, s|Plomberie {O},
    s|Électricité {O}, s|Toiture {O}, tn|Municipalité de {O}, tn|Ville de {O}, s|Transport {O}, s|Ébénisterie {O},
    s|Physiothérapie {O}, s|Assurances {O}, b|{O} Électrique`),
  AU: w(`spb|{O} Dental, p|{O} Medical Centre, spb|{O} Physio, spb|{O} Accountants, spb|{O} Real Estate,
    spb|{O} Electrical, spb|{O} Plumbing, spb|{O} Vet Clinic, tn|{O} Primary School, tn|{O} Shire Council,
    tn|{O} City Council, spb|{O} Building & Construction, sp|{O} Earthmoving, sp|{O} Transport, spb|{O} Legal,
    s|{O} Lawyers, pb|{O} Childcare Centre, spb|{O} Financial Planning, tn|{O} Bowls Club, p|{O} Pharmacy, s|{O} Motors,
    spb|{O} Landscaping, spb|{O} Cabinets, pb|{O} Solar`),
};

/** legal forms as accounting systems hold them, per country ('' = none written) */
export const LEGAL: Record<Country, string[]> = {
  US: [', LLC', ' LLC', ', Inc.', ' Inc', ' Inc.', ', P.C.', ' PC', ', PLLC', ' PLLC', ', LLP', ' Corp.', ' Corporation', ' L.L.C.', ''],
  UK: [' Ltd', ' Ltd.', ' Limited', ' LLP', ' Ltd', ''],
  DE: [' GmbH', ' GmbH & Co. KG', ' KG', ' e.K.', ' UG (haftungsbeschränkt)', ' GbR', ' GmbH', ''],
  CA: [' Inc.', ' Ltd.', ' Inc', ' Corp.', ' Ltd', ''],
  FR: [' Inc.', ' Ltée', ' inc.', ' S.E.N.C.', ''],
  AU: [' Pty Ltd', ' Pty. Ltd.', ' Pty Limited', ' Pty Ltd', ''],
};
export const NONPROFIT_LEGAL: Record<Country, string[]> = { US: [', Inc.', ' Inc'], UK: [' CIO', ' Ltd'], DE: [' e.V.'], CA: [' Inc.'], FR: [' Inc.'], AU: [' Inc', ' Incorporated'] };

export const CITIES: Record<Country, string[]> = {
  US: w(`Denver, Boulder, Austin, Dallas, Plano, Tampa, Orlando, Phoenix, Tucson, Reno, Boise, Spokane, Tacoma, Fresno, Omaha,
    Akron, Dayton, Toledo, Raleigh, Durham, Savannah, Knoxville, Memphis, Scottsdale, Naperville, Schaumburg, Tulsa, Wichita`),
  UK: w(`Leeds, York, Bristol, Bath, Reading, Oxford, Cambridge, Norwich, Exeter, Derby, Chester, Salisbury, Harrogate, Preston`),
  DE: w(`München, Köln, Düsseldorf, Nürnberg, Hamburg, Berlin, Stuttgart, Bonn, Kiel, Ulm, Augsburg, Würzburg, Mainz, Kassel`),
  CA: w(`Toronto, Ottawa, Calgary, Edmonton, Halifax, Regina, Kelowna, Mississauga, Hamilton, Victoria, Winnipeg, Guelph`),
  FR: w(`Montréal, Québec, Laval, Gatineau, Longueuil, Brossard, Terrebonne, Repentigny`),
  AU: w(`Sydney, Melbourne, Brisbane, Perth, Adelaide, Hobart, Geelong, Newcastle, Parramatta, Cairns, Townsville, Wollongong`),
};
export const STREETS = w(`Main St, Main Street, Elm Street, Oak St., Broadway, High Street, Market St, Park Ave, Station Road,
  Church Street, Mill Rd, King St, Queen St, Hauptstraße, Bahnhofstraße, Lake Road`);
export const SITES = w(`HQ, Head Office, Warehouse, Downtown, North, South Campus, West Clinic, East, Plant 2, Annex`);

/** the abbreviations people actually write for trade words (lower-case keys) */
export const ABBR: Record<string, string[]> = {
  services: ['Svcs', 'Svc', 'Srvs', 'Servs'], service: ['Svc', 'Serv'], management: ['Mgmt', 'Mgt', 'Mngmt'],
  associates: ['Assoc', 'Assocs', 'Assoc.'], international: ['Intl', "Int'l"], manufacturing: ['Mfg', 'Mfg.', 'Manuf'],
  department: ['Dept', 'Dept.'], center: ['Ctr', 'Cntr', 'Ctr.'], centre: ['Ctr', 'Cntr', 'Ctre'], construction: ['Const', 'Constr', 'Cnstr'],
  company: ['Co', 'Co.'], medical: ['Med', 'Med.', 'Medcl'], dental: ['Dntl', 'Dent'], dentistry: ['Dent', 'Dntstry'], accounting: ['Acctg', 'Acct', 'Accntg'],
  accountants: ['Accts', 'Acctnts'], insurance: ['Ins', 'Insur', 'Ins.'], engineering: ['Eng', 'Engr', 'Engg', 'Engin'],
  technologies: ['Tech', 'Techs', 'Technol'], development: ['Dev', 'Devel'], properties: ['Props', 'Prop'], property: ['Prop', 'Prop.'],
  brothers: ['Bros', 'Bros.'], group: ['Grp'], plumbing: ['Plmb', 'Plbg', 'Plumb'], heating: ['Htg', 'Heat'], electric: ['Elec', 'Elec.'],
  electrical: ['Elec', 'Elect', 'Electr'], veterinary: ['Vet', 'Vet.'], hospital: ['Hosp', 'Hosp.'], chiropractic: ['Chiro'],
  orthodontics: ['Ortho', 'Orthodont'], pediatrics: ['Peds', 'Ped', 'Pediat'], pediatric: ['Ped', 'Peds'], family: ['Fam', 'Fmly'],
  solutions: ['Solns', 'Sol'], realty: ['Rlty'], transportation: ['Transp', 'Trans'], landscaping: ['Lndscp', 'Landscp', 'Lndscpg'],
  distribution: ['Dist', 'Distrib', 'Distr'], supply: ['Sply', 'Sup'], school: ['Sch', 'Schl'], district: ['Dist', 'Dist.'],
  township: ['Twp', 'Twp.'], county: ['Cnty'], financial: ['Fin', 'Finl', 'Fin.'], partners: ['Ptnrs', 'Prtnrs'], laboratory: ['Lab'],
  automotive: ['Auto', 'Automtv'], consulting: ['Consult', 'Cnsltg', 'Cons.'], contractors: ['Contr', 'Cntrs', 'Contrs'],
  community: ['Comm', 'Cmty'], association: ['Assn', 'Assoc'], equipment: ['Equip', 'Eqpt'], industries: ['Inds', 'Ind', 'Indus'],
  physical: ['Phys', 'Phys.'], therapy: ['Ther', 'Thrpy'], academy: ['Acad', 'Acad.'], counseling: ['Cnslg', 'Counsel'],
  agency: ['Agcy', 'Agy'], cooling: ['Clg', 'Cool'], roofing: ['Rfg', 'Roof'], painting: ['Ptg', 'Paint'], excavating: ['Excav', 'Exc'],
  fabrication: ['Fab', 'Fabr'], machine: ['Mach', 'Mch'], marketing: ['Mktg', 'Mkt'], printing: ['Prtg', 'Print'], logistics: ['Log', 'Logist'],
  trucking: ['Trkg', 'Trucking'], apartments: ['Apts', 'Apt'], mountain: ['Mtn', 'Mtn.'], heights: ['Hts'], springs: ['Spgs', 'Spr'],
  creek: ['Crk', 'Ck'], point: ['Pt', 'Pt.'], valley: ['Vly'], professional: ['Prof', 'Prof.'], corporation: ['Corp', 'Corp.'],
  chartered: ['Chtd', 'Chart.'], physiotherapy: ['Physio'], surveyors: ['Survs'], estate: ['Est'], agents: ['Agts'],
  maschinenbau: ['Masch.-Bau', 'Maschbau'], steuerberatung: ['StB', 'Steuerber.'], elektrotechnik: ['Elektro', 'E-Technik'],
  haustechnik: ['Haustech.'], immobilien: ['Immo', 'Immob.'], gebäudereinigung: ['Gebäudereinig.', 'Reinigung'],
  rechtsanwälte: ['RAe', 'Rechtsanw.'], ingenieurbüro: ['Ing.-Büro', 'Ingbüro'], clinique: ['Clin.'], municipalité: ['Mun.', 'Munic.'],
};

export const NEIGHBOURS: Record<string, string> = {
  q: 'wa', w: 'qes', e: 'wrd', r: 'etf', t: 'ryg', y: 'tuh', u: 'yij', i: 'uok', o: 'ipl', p: 'ol', a: 'qsz', s: 'adwx',
  d: 'sfec', f: 'dgrv', g: 'fhtb', h: 'gjyn', j: 'hkum', k: 'jli', l: 'kop', z: 'asx', x: 'zsdc', c: 'xdfv', v: 'cfgb',
  b: 'vghn', n: 'bhjm', m: 'njk',
};
