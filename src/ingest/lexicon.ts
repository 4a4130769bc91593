// Closed word lists for English news writing. Nothing here is keyed to a particular article.

const words = (list: string): Set<string> =>
  new Set(
    list
      .trim()
      .split(/\s*\|\s*|\n+/)
      .filter(Boolean),
  );

/** Verbs that introduce speech, in every form a news sentence uses them. */
export const SPEECH_VERBS = words(`
said | says | say | saying | told | tells | tell | telling | added | adds | adding | wrote | writes | write | writing |
asked | asks | asking | noted | notes | noting | explained | explains | explaining | argued | argues | arguing |
claimed | claims | claiming | declared | declares | declaring | stated | continued | continues |
tweeted | tweets | tweeting | replied | replies | replying | responded | responds | responding | recalled | recalls |
recalling | insisted | insists | insisting | warned | warns | warning | announced | announces | acknowledged |
acknowledges | admitted | admits | conceded | concedes | remarked | remarks | observed | observes | concluded |
concludes | suggested | suggests | suggesting | stressed | stresses | emphasized | emphasizes | predicted | predicts |
predicting | reported | reports | confirmed | confirms | denied | denies | joked | jokes | quipped | quips | shouted |
yelled | posted | interjected | interrupted | chimed | denounced | denounces | decried | decries | condemned | condemns | countered | counters | complained | complains | cautioned | cautions | vowed | vows | promised | promises |
maintained | maintains | contended | contends | charged | alleged | alleges | urged | urges | boasted | boasts |
bragged | lamented | laments | mused | muses | answered | answers | exclaimed | proclaimed | testified | whispered |
agreed | agrees | pointed | points | confided | confides | cried | barked | growled | shot back | wondered aloud | screamed | pleaded | begged | demanded | demands |
announced | explained | mocked | mocks | retorted | snapped | scoffed | sighed | laughed | thundered | fumed |
griped | groused | chided | blasted | slammed | hailed | praised | reiterated | reiterates | repeated | repeats |
reasoned | observed | opined | offered | allowed | assured | assures | informed | reminded | reminds | acknowledging |
declaring | adding | conceding | complaining | recounted | recounts | described | describes | describing | called |
calls | calling | accused | accuses | accusing | labeled | labelled | dubbed | branded | termed | characterized |
read | reads | stated | texted | conclude | argue | note | explain | claim | insist | warn | ask | recall |
acknowledge | admit | suggest | predict | continue | declare | respond | reply | joke | contend | maintain | emailed | messaged | summed | predicted | concluding | wondered | wonders |
pressed | questioned | queried | asserted | asserts | marveled | marvelled | murmured | emphasised | speculated |
gushed | crowed | grumbled | teased | scolded | remembered | remembers |
`);

/**
 * Speech verbs whose next name is their object, not an inverted subject: "told Dawn", "accused Labor
 * of", "praised Acme" (where "said Jo Roe" names the speaker).
 */
export const OBJECT_SPEECH_VERBS = words(`
told | tells | tell | telling | urged | urges | accused | accuses | accusing | praised | hailed | slammed |
blasted | chided | scolded | informed | reminded | reminds | assured | assures | denounced | denounces |
condemned | condemns | mocked | mocks | pressed | questioned | labeled | labelled | dubbed | branded | called |
calls | calling | teased | criticized | criticised | thanked | blamed
`);

/** Verbs that can introduce reported speech: the content follows as a clause. */
export const REPORTING_VERBS = words(`
said | says | say | saying | told | tells | tell | telling | added | adds | adding | wrote | writes | noted | notes |
noting | explained | explains | explaining | argued | argues | argue | arguing | claimed | claims | claim | claiming |
declared | declares | stated | states | insisted | insists | insist | insisting | warned | warns | warning |
announced | announces | acknowledged | acknowledges | acknowledge | admitted | admits | admit | conceded | concedes |
suggested | suggests | suggest | suggesting | stressed | stresses | emphasized | predicted | predicts | predicting |
reported | reports | report | confirmed | confirms | confirm | denied | denies | deny | promised | promises |
promise | vowed | vows | vow | maintained | maintains | contended | contends | alleged | alleges | charged |
recalled | recalls | recalling | tweeted | tweets | indicated | indicates | revealed |
reveals | hinted | hints | asserted | asserts | assured | assures | informed | reminded | reminds | predicted |
explained | testified | agreed | agrees | complained | complains | worried | worries | boasted | boasts | bragged |
asked | asks | ask | urged | urges | urge | accused | accuses | demanded | demands | proposed | proposes | pledged |
pledges | called | calls | responded | responds | replied | replies | countered | counters | conceded | concedes |
concluded | concludes | conclude | recalled | note | warn | explain | stress | reveal | indicate | testify |
complain | boast | announce | pointed | maintain | remarked | predict |
`);

/** Nouns that head a description of a speaker ("the president", "a spokesman for the campaign"). */
export const PERSON_NOUNS = words(`
president | vice president | president-elect | senator | sen. | representative | rep. | congressman | congresswoman |
governor | gov. | mayor | secretary | spokesman | spokeswoman | spokesperson | minister | chancellor | chairman |
chairwoman | chair | director | adviser | advisor | aide | aides | strategist | manager | candidate | candidates |
nominee | leader | leaders | official | officials | ambassador | judge | justice | general | officer | chief |
editor | reporter | correspondent | analyst | analysts | professor | economist | pollster | speaker | lawmaker |
lawmakers | commissioner | founder | executive | host | anchor | columnist | author | activist | lawyer | attorney |
surrogate | donor | businessman | businesswoman | billionaire | mogul | tycoon | king | queen | pope | prince |
rabbi | reverend | pastor | coach | sheriff | deputy | assistant | commander | admiral | colonel | captain | dean |
historian | scholar | fellow | researcher | writer | scientist | voter | voters | supporter | supporters | critic |
critics | expert | experts | man | woman | source | sources | people | person | member | members | staffer |
staffers | operative | operatives | consultant | consultants | partner | ceo | chief executive | owner | student |
teacher | doctor | physician | veteran | mother | father | wife | husband | son | daughter | friend | neighbor |
resident | residents | organizer | organizers | protester | protesters | delegate | delegates | diplomat |
diplomats | negotiator | prosecutor | prosecutors | investigator | investigators | agent | agents | soldier |
candidate | contender | frontrunner | front-runner | hopeful | incumbent | challenger | presumptive nominee |
republican | democrat | republicans | democrats | conservative | conservatives | liberal | liberals | moderate |
star | celebrity | actor | actress | boss | head | chief | founder | co-founder | adviser | advisor | nephew | niece |
brother | sister | uncle | aunt | cousin | friend | colleague | partner | wife | husband | son | daughter | widow | comedian | singer | rapper | player | athlete | insider | insiders | observer |
observers | commentator | commentators | pundit | pundits | blogger | journalist | journalists | chairman |
publisher | producer | director | president | premier | prime minister | statesman | politician | politicians |
representative | envoy | attorney general | press secretary | chief of staff | campaign manager | manager |
spokesmen | spokeswomen | representatives | senators | governors | congressmen | advisers | advisors | economists |
gardaí | gardai | garda | councillors | mps | mlas | ministers | officers | police officers | paramedics |
`);

/** Nouns that name a collective or document source: "the campaign said", "the report says". */
export const ORGANIZATION_NOUNS = words(`
campaign | committee | company | administration | government | ministry | department | agency | white house |
kremlin | party | group | organization | network | newspaper | paper | report | statement | poll | survey | study |
court | office | embassy | council | board | commission | team | firm | union | spokesperson | website | site |
memo | letter | email | document | documents | filing | lawsuit | complaint | analysis | review | article | story |
`);

/** Titles written before a name ("President Trump", "Sen. Roe", "Kremlin spokesman Dmitry Peskov"). */
export const TITLES = words(`
president | vice president | president-elect | senator | sen. | sen | rep. | rep | representative | congressman |
congresswoman | governor | gov. | gov | mayor | secretary | spokesman | spokeswoman | spokesperson | minister |
prime minister | foreign minister | defense minister | chancellor | chairman | chairwoman | chair | director |
adviser | advisor | aide | strategist | manager | candidate | nominee | leader | ambassador | judge | justice |
general | gen. | gen | lt. | col. | sgt. | officer | chief | editor | reporter | correspondent | analyst |
professor | prof. | economist | pollster | speaker | lawmaker | commissioner | founder | executive | host | anchor |
columnist | author | activist | lawyer | attorney | attorney general | surrogate | donor | businessman |
billionaire | king | queen | pope | prince | princess | rabbi | rev. | reverend | pastor | coach | sheriff | deputy |
commander | admiral | adm. | colonel | captain | capt. | dean | historian | scholar | fellow | researcher | writer | editor-in-chief | co-founder | consultant |
scientist | ceo | chief executive | owner | publisher | producer | premier | sheikh | ayatollah | cardinal |
bishop | archbishop | detective | sergeant | lieutenant | major | maj. | private | agent | inspector |
constable | const. | cst. | corporal | cpl. | supt. | insp. | det. | staff sgt. | councillor | councilor | coun. |
mla | mpp | mna | mp | reeve | warden | hon. |
superintendent | treasurer | comptroller | auditor | clerk | whip | majority leader | minority leader |
press secretary | chief of staff | campaign manager | campaign chairman | communications director | senior adviser |
national security adviser | secretary of state | district judge | federal judge | circuit judge | vice presidential nominee | presidential candidate | nominee |
rival | opponent | challenger | contender | hopeful | ally | supporter | critic | director general |
assemblyman | assemblywoman | councilman | councilwoman | alderman | professors | staff | delegate | chaplain |
trooper | admiral | first lady | lady | gen | governor-elect | mayor-elect | state senator | state rep. |
mp | mpp | mla | mep | organizer | co-organizer | councillor | premier-designate |
supervisor | ag | pres. |
sgt | det | supt | insp | cllr | cllr. | prof | col | capt | lt | cpl | maj | adm | const | det sgt | det insp | det supt |
det. sgt. | det. insp. | det. supt. | det con | dci | dsi | chief constable | chief inspector | chief superintendent |
assistant commissioner | deputy commissioner | home secretary | foreign secretary | shadow |
field marshal | marshal | air marshal | taoiseach | tánaiste | tanaiste | cabinet secretary | chief minister |
administrator | envoy | prosecutor | district attorney | solicitor general | undersecretary | under secretary |
emir | crown prince | sultan | vice chair | chairperson | managing director | general manager | head coach |
chief operating officer | chief financial officer | chief technology officer | vice-president |
striker | midfielder | goalkeeper | defender | winger | quarterback | pitcher | batsman | centre-back |
secretary-general | secretary general | under-secretary-general | barrister | director-general |
inspector-general | inspector general | attorney-general |
`);

/**
 * Words that open a title rather than end an organization's name ("Political Director", "Bureau
 * Chief", "Press Secretary", "Prime Minister", "Finance Minister").
 */
export const TITLE_MODIFIERS = words(`
political | national | executive | senior | deputy | press | communications | legislative | general |
regional | policy | bureau | campaign | digital | finance | field | foreign | managing | assistant |
associate | acting | interim | former | vice | chief | special | founding | majority | minority |
undersecretary | prime | district | defense | defence | interior | health | education | energy | trade |
transport | transportation | agriculture | environment | treasury | homeland | security | commerce |
economy | culture | housing | immigration | home | ranking | first | principal | lead | head | deputy |
external | affairs | crown | emergency | management | public | safety | justice | labor | labour | transport |
`);

/** Honorifics that are not a role: dropped from canonical names. */
export const HONORIFICS = words(
  `mr. | mrs. | ms. | miss | mr | mrs | ms | dr. | dr | sir | dame | lord | lady | mx.`,
);

/** Words that end an organization name. */
export const ORGANIZATION_HEADS = words(`
laboratory | laboratories | lab | labs | forces | embassy | consulate | plc | ag | gmbh | s.a. | n.v. | s.p.a. |
asa | oyj | a/s | pty | b.v. |
party | committee | commission | council | department | ministry | agency | administration | association |
institute | institution | university | college | school | academy | corporation | corp. | corp | inc. | inc | co. |
llc | ltd. | ltd | group | foundation | fund | bank | network | news | times | post | journal | tribune | herald |
press | gazette | magazine | review | daily | media | campaign | pac | center | centre | club | union | federation |
organization | organisation | office | court | senate | house | congress | parliament | army | navy | police |
service | board | bureau | church | society | alliance | league | coalition | caucus | project | airlines |
company | motors | reserve | forum | watch | initiative | industries | studios | channel | radio | television |
tv | poll | state | times | express | telegraph | guardian | observer | monitor | standard | examiner | inquirer |
chronicle | enquirer | register | sun | star | mirror | wire | digest | weekly | report | institute | force |
forces | guard | command | corps | assembly | museum | workers | chamber | cabinet | commission | authority | exchange | trust | partners |
associates | holdings | technologies | systems | solutions | labs | laboratories | hospital | clinic | museum |
library | foundation | fund | coalition | movement | front | brigade | council | tribunal | embassy | consulate |
secretariat | conference | summit | cup | games | olympics | festival | convention | caucuses | primary | debate |
insider | usa | government | metro | transit | securities | investments | advisors | advisers | brokerage |
`);

/** Organizations commonly written without an organization word. */
export const KNOWN_ORGANIZATIONS = words(`
kremlin | white house | pentagon | congress | senate | parliament | legislature | nato | united nations | european union | fbi | cia | nsa |
gop | cnn | msnbc | fox news | fox | abc | nbc | cbs | pbs | npr | bbc | reuters | politico | breitbart | twitter |
facebook | google | apple | amazon | microsoft | youtube | instagram | reddit | tass | ria novosti | interfax |
al jazeera | hamas | hezbollah | taliban | isis | isil | al qaeda | al-qaeda | vatican | kremlin | downing street |
supreme court | state department | justice department | treasury | capitol hill | wall street | planned parenthood |
ap | afp | dnc | rnc | epa | irs | nasa | imf | opec | g7 | g20 | eu | un | wikileaks | huffpost | huffpo |
buzzfeed | axios | bloomberg | gallup | quinnipiac | rasmussen | usa today | the hill | vox | slate | salon |
rcmp | opp | csis | cbc | ctv | global news | canadian press | postmedia | ndp | bloc québécois | elections canada |
statistics canada | health canada | canada post | air canada | via rail | bc hydro | hydro one | hydro-québec |
translink | metrolinx | ttc | parliament hill |
labour | labour party | tories | lib dems | liberal democrats | snp | plaid cymru | sinn féin | sinn fein | fianna fáil |
fianna fail | fine gael | dup | ukip | reform uk | nhs | scotland yard | whitehall | bundestag | knesset | duma | bjp |
lok sabha | rajya sabha | isro | likud | anc | greens | the greens | newspoll | cdu | spd | afd |
`);

/** Countries, continents, regions, US states and large cities. */
export const PLACES = words(`
afghanistan | albania | algeria | andorra | angola | argentina | armenia | australia | austria | azerbaijan |
bahamas | bahrain | bangladesh | barbados | belarus | belgium | belize | benin | bhutan | bolivia | bosnia |
botswana | brazil | brunei | bulgaria | burkina faso | burundi | cambodia | cameroon | canada | chad | chile |
china | colombia | congo | costa rica | croatia | cuba | cyprus | czech republic | denmark | djibouti | dominica |
ecuador | egypt | el salvador | eritrea | estonia | ethiopia | fiji | finland | france | gabon | gambia | georgia |
germany | ghana | greece | grenada | guatemala | guinea | guyana | haiti | honduras | hungary | iceland | india |
indonesia | iran | iraq | ireland | israel | italy | jamaica | japan | jordan | kazakhstan | kenya | kosovo |
kuwait | kyrgyzstan | laos | latvia | lebanon | lesotho | liberia | libya | liechtenstein | lithuania |
luxembourg | madagascar | malawi | malaysia | maldives | mali | malta | mauritania | mauritius | mexico |
moldova | monaco | mongolia | montenegro | morocco | mozambique | myanmar | burma | namibia | nepal |
netherlands | holland | new zealand | nicaragua | niger | nigeria | north korea | south korea | korea |
norway | oman | pakistan | palestine | panama | paraguay | peru | philippines | poland | portugal | qatar |
romania | russia | rwanda | saudi arabia | senegal | serbia | sierra leone | singapore | slovakia | slovenia |
somalia | south africa | south sudan | spain | sri lanka | sudan | suriname | sweden | switzerland | syria |
taiwan | tajikistan | tanzania | thailand | togo | tunisia | turkey | turkmenistan | uganda | ukraine |
united arab emirates | uae | united kingdom | uk | u.k. | britain | great britain | england | scotland | wales |
united states | us | u.s. | usa | u.s.a. | america | uruguay | uzbekistan | venezuela | vietnam | yemen | zambia |
zimbabwe | crimea | gaza | west bank | kurdistan | tibet | hong kong | chechnya | donbas | donbass |
europe | asia | africa | north america | south america | latin america | middle east | the middle east |
antarctica | oceania | caribbean | balkans | scandinavia | the west | siberia | arctic | pacific | atlantic |
alabama | alaska | arizona | arkansas | california | colorado | connecticut | delaware | florida | hawaii |
idaho | illinois | indiana | iowa | kansas | kentucky | louisiana | maine | maryland | massachusetts |
michigan | minnesota | mississippi | missouri | montana | nebraska | nevada | new hampshire | new jersey |
new mexico | new york | north carolina | north dakota | ohio | oklahoma | oregon | pennsylvania |
rhode island | south carolina | south dakota | tennessee | texas | utah | vermont | virginia | washington |
west virginia | wisconsin | wyoming | puerto rico | guam | district of columbia | d.c. | dc |
moscow | kyiv | kiev | london | paris | berlin | beijing | tokyo | rome | madrid | brussels | vienna | warsaw |
jerusalem | tel aviv | tehran | baghdad | damascus | cairo | istanbul | ankara | riyadh | dubai | delhi |
new delhi | mumbai | seoul | pyongyang | manila | jakarta | sydney | toronto | ottawa | montreal | havana |
caracas | bogota | lima | santiago | buenos aires | mexico city | los angeles | chicago | houston | phoenix |
philadelphia | san antonio | san diego | dallas | san francisco | boston | seattle | denver | miami | atlanta |
detroit | baltimore | cleveland | pittsburgh | las vegas | orlando | tampa | new orleans | nashville |
charlotte | charleston | milwaukee | minneapolis | st. louis | kansas city | portland | sacramento |
des moines | manchester | concord | columbia | richmond | austin | brooklyn | manhattan | queens | bronx |
harlem | hollywood | silicon valley | beverly hills | palm beach | geneva | zurich | munich |
stockholm | oslo | copenhagen | helsinki | athens | lisbon | dublin | edinburgh | kabul | islamabad | karachi |
minsk | tbilisi | donetsk | luhansk | mariupol | kharkiv | odessa | sevastopol | aleppo | mosul | raqqa |
benghazi | tripoli | mecca | hanoi | bangkok | singapore | shanghai | hong kong | taipei | osaka | cleveland |
philadelphia | tallahassee | albany | sacramento | springfield | iowa city | cedar rapids | davenport |
little rock | hartford | trenton | annapolis | raleigh | columbus | cincinnati | indianapolis | louisville |
memphis | oklahoma city | omaha | salt lake city | boise | honolulu | anchorage | fairbanks | reno | tucson |
albuquerque | el paso | fort worth | jacksonville | newark | buffalo | rochester | syracuse |
oakland | long beach | fresno | berkeley | cambridge | oxford | arlington | alexandria | fairfax |
ontario | quebec | british columbia | alberta | saskatchewan | manitoba | nova scotia | new brunswick |
prince edward island | newfoundland | newfoundland and labrador | labrador | yukon | nunavut | northwest territories |
toronto | montreal | vancouver | calgary | edmonton | ottawa | winnipeg | halifax | saskatoon |
mississauga | brampton | surrey | burnaby | gatineau | laval | kitchener | waterloo | fredericton |
charlottetown | whitehorse | yellowknife | iqaluit | kelowna | kamloops | nanaimo | abbotsford | coquitlam |
thunder bay | sudbury | oshawa | barrie | markham | vaughan | moncton | saint john | st. john's | sherbrooke |
lethbridge | red deer | prince george | quebec city | niagara falls | lower mainland | greater toronto area |
melbourne | brisbane | perth | adelaide | auckland | lagos | nairobi | lahore | dhaka | beirut | doha |
johannesburg | amsterdam | glasgow | birmingham | prague | budapest | bucharest | belgrade | ramallah |
khartoum | kinshasa | cape town | sao paulo | são paulo | rio de janeiro | addis ababa |
queensland | new south wales | nsw | tasmania | western australia | south australia | northern territory | canberra |
hobart | townsville | cairns | gold coast | newcastle | christchurch |
liverpool | leeds | bristol | sheffield | cardiff | belfast | nottingham | leicester | southampton | aberdeen |
bengaluru | bangalore | kolkata | chennai | hyderabad | pune | ahmedabad | jaipur | lucknow | kerala | punjab |
gujarat | maharashtra | kashmir | bihar | tamil nadu | uttar pradesh | west bengal | rawalpindi | peshawar |
kathmandu | colombo | kuala lumpur | phnom penh | ho chi minh city | abuja | accra | kampala | harare | pretoria |
durban | dakar | kigali | mogadishu | algiers | tunis | rabat | casablanca | amman | muscat | abu dhabi | jeddah |
vilnius | riga | tallinn | bratislava | ljubljana | zagreb | sarajevo | skopje | tirana | sofia |
`);

/** Adjectives of nationality or state, with the place they point to. */
export const DEMONYMS: ReadonlyMap<string, string> = new Map(
  `american:United States|russian:Russia|ukrainian:Ukraine|british:Britain|briton:Britain|english:England|french:France|
german:Germany|italian:Italy|spanish:Spain|chinese:China|japanese:Japan|korean:Korea|north korean:North Korea|
south korean:South Korea|indian:India|pakistani:Pakistan|afghan:Afghanistan|iranian:Iran|iraqi:Iraq|
syrian:Syria|israeli:Israel|palestinian:Palestine|egyptian:Egypt|saudi:Saudi Arabia|turkish:Turkey|
mexican:Mexico|canadian:Canada|brazilian:Brazil|argentine:Argentina|venezuelan:Venezuela|cuban:Cuba|
polish:Poland|hungarian:Hungary|greek:Greece|swedish:Sweden|norwegian:Norway|danish:Denmark|finnish:Finland|
dutch:Netherlands|belgian:Belgium|swiss:Switzerland|austrian:Austria|irish:Ireland|scottish:Scotland|
australian:Australia|european:Europe|african:Africa|asian:Asia|belarusian:Belarus|georgian:Georgia|
lebanese:Lebanon|jordanian:Jordan|libyan:Libya|nigerian:Nigeria|kenyan:Kenya|filipino:Philippines|philippine:Philippines|argentinian:Argentina|sri lankan:Sri Lanka|new zealander:New Zealand|
vietnamese:Vietnam|taiwanese:Taiwan|serbian:Serbia|croatian:Croatia|romanian:Romania|bulgarian:Bulgaria|
czech:Czech Republic|slovak:Slovakia|lithuanian:Lithuania|latvian:Latvia|estonian:Estonia|moldovan:Moldova|
armenian:Armenia|azerbaijani:Azerbaijan|kazakh:Kazakhstan|qatari:Qatar|emirati:United Arab Emirates|
yemeni:Yemen|somali:Somalia|ethiopian:Ethiopia|colombian:Colombia|chilean:Chile|peruvian:Peru|
kurdish:Kurdistan|rwandan:Rwanda|algerian:Algeria|yugoslav:Yugoslavia|tajik:Tajikistan|chechen:Chechnya|
welsh:Wales|bosnian:Bosnia|albanian:Albania|macedonian:North Macedonia|slovenian:Slovenia|montenegrin:Montenegro|
kosovar:Kosovo|uzbek:Uzbekistan|turkmen:Turkmenistan|kyrgyz:Kyrgyzstan|mongolian:Mongolia|tibetan:Tibet|
nepalese:Nepal|nepali:Nepal|bangladeshi:Bangladesh|sri lankan:Sri Lanka|burmese:Myanmar|thai:Thailand|
cambodian:Cambodia|laotian:Laos|malaysian:Malaysia|indonesian:Indonesia|singaporean:Singapore|
zimbabwean:Zimbabwe|zambian:Zambia|ugandan:Uganda|tanzanian:Tanzania|eritrean:Eritrea|sudanese:Sudan|
south sudanese:South Sudan|congolese:Congo|ghanaian:Ghana|senegalese:Senegal|malian:Mali|ivorian:Ivory Coast|
cameroonian:Cameroon|angolan:Angola|mozambican:Mozambique|moroccan:Morocco|tunisian:Tunisia|omani:Oman|
bahraini:Bahrain|kuwaiti:Kuwait|persian:Iran|ecuadorian:Ecuador|bolivian:Bolivia|paraguayan:Paraguay|
uruguayan:Uruguay|guatemalan:Guatemala|honduran:Honduras|salvadoran:El Salvador|nicaraguan:Nicaragua|
costa rican:Costa Rica|panamanian:Panama|haitian:Haiti|dominican:Dominican Republic|jamaican:Jamaica|
puerto rican:Puerto Rico|icelandic:Iceland|portuguese:Portugal|new zealander:New Zealand|quebecer:Quebec|
quebecois:Quebec|québécois:Quebec|albertan:Alberta|ontarian:Ontario|texan:Texas|californian:California|
floridian:Florida`
    .split('|')
    .map((pair) => pair.trim().split(':') as [string, string]),
);

/** Capitalized words that begin sentences or name times, never entities on their own. */
export const NON_NAME_WORDS = words(`
the | a | an | and | but | or | nor | so | yet | for | if | when | while | after | before | since | until | as | at |
by | in | on | of | to | from | with | without | about | over | under | into | onto | through | during | because |
although | though | unless | whether | where | why | how | what | who | whom | whose | which | that | this | these |
those | there | here | then | now | today | tonight | yesterday | tomorrow | he | she | it | they | we | i | you |
his | her | its | their | our | my | your | him | them | us | me | one | two | three | four | five | six | seven |
eight | nine | ten | many | some | most | all | both | each | every | no | not | yes | also | still | even | just |
only | meanwhile | however | moreover | indeed | instead | thus | perhaps | maybe | asked | says | said | according |
last | next | first | second | third | another | other | such | more | less | few | several | much | very | well |
is | was | are | were | be | been | do | does | did | has | have | had | can | could | will |
would | should | may | might | must | let | like | unlike | among | against | despite | beyond | within | upon |
monday | tuesday | wednesday | thursday | friday | saturday | sunday | january | february | march | april |
june | july | august | september | october | november | december | feb | mar | apr | jun | jul |
aug | sep | sept | oct | nov | dec | god | oh | ok | okay | please | thank | thanks | sorry | hello | hi | yeah |
photo | image | video | author | editor | update | updated | read | watch | see | click | share | related |
advertisement | getty | images | ap | file | reporting | additional | contributed | copyright | follow |
americans | russians | democrats | republicans | conservative | liberal |
christians | muslims | jews | catholics | evangelicals | hispanics | latinos | blacks | whites | europeans |
besides | including | despite | amid | later | earlier | afterward | afterwards | finally | recently | eventually |
soon | once | initially | unlike | former | late | retired | then | acting | interim | outgoing | incoming | top | senior | veteran |
but | so | and | st. | inc. | co. | ok. | neither | either | given | laughs | laughter | applause | abstract |
correction | editor's note | crosstalk | inaudible |
`);

/** Common given names, with gender where the name is strongly one or the other. */
const MALE_NAMES = `james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark
donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob
gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick
raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah
jeremy christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan
billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell
bobby mason philip louis harry bill mike jim tom dan dave steve chris jeff ted ben corey vladimir sergei
sergey viktor boris mikhail nikolai igor alexei alexey ivan emmanuel francois xi kim chuck lindsey rick ron
jon nick tim ken doug greg matt pat joel bret brett lou hugh neil stuart stewart fred ed al ari karl josh luke
andy tony jimmy bob rob joey johnny danny tommy charlie eddie frankie sam jake max leo oscar don stan hank
walt vic gus herb mel sol hugo felix omar ali mohammed muhammad ahmed hassan hussein abdul bashar jean pierre
jacques nicolas mario carlos luis miguel pedro javier diego manuel rafael jorge ricardo antonio fernando
alberto roberto eduardo sergio andres hector ruben julio cesar raul enrique kurt ernest earl clarence franklin
herbert theodore woodrow warren calvin dwight lyndon dick colin rex jared martin lincoln elliott elliot bernie
marco mitch howard glenn marvin leonard dale curtis norman allen tracy craig barry lee derek todd troy shane
randall lance wesley clifford jerome jay jimmie alvin floyd leroy francis nelson clyde milton lloyd gordon
darrell dean lewis gene reginald tyrone mitchell wendell seth brent cody travis evan ian cole grant blake chad
brad kirk duane marc neal perry ross reed wade wallace ward heath hunter spencer dustin garrett colby drew
ramon victor marcus darnell terrence andre jamal malik tariq hamid yusuf ibrahim khalid rashid samir karim
nabil amir reza vikram rahul sanjay raj hiroshi kenji takeshi wei ming jun chen li oleg dmitri anton pavel
stefan lukas tomas piotr marek henrik lars sven nils klaus jurgen hans gerhard wolfgang dieter friedrich
giovanni luca paolo stefano enzo francesco alessandro`;

const FEMALE_NAMES = `mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra
ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura
cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine debra
rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina
lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara
janice jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia
marie diana brittany natalie isabella charlotte rose alexis kayla michele hope loretta sally debbie valerie
elena kristen claire jeanne jan kate katie kathy cathy liz beth meg peggy penny wendy tina gina lucy jane jill
jenny jen becky maggie molly ellen ellie erin tara dana robin lori rosa natalia olga svetlana irina tatiana
ekaterina anastasia oksana faith joy zoe chloe ava mia leah alison allison abby gabrielle jessie jo lynn kay
dolores carmen alejandra lucia ana isabel eva erica marion shannon claudia lois hillary hilary anne annie
tammy crystal sherry holly april dawn connie wanda lorraine tiffany colleen erika marsha regina bonnie kristin
kristina jenna jillian brooke morgan courtney kendra tanya veronica yolanda vanessa monica leslie lindsay
caroline eleanor margot miranda naomi priya anita sunita fatima aisha yasmin leila mariam noor ingrid greta
helga ursula birgit annika astrid elisa francesca giulia chiara valentina camila sofia paula renata beatriz
marta natasha nadia tatyana mei lin yuki akiko sakura hana keiko nicola corinne celeste clarissa delia desiree
faye gwen hazel irene iris ivy jeanette josephine kara lana lara lena lydia mabel mae maureen nora opal pearl
phyllis rita roberta rosemary ruby stella sylvia thelma vera vivian wilma`;

const nameSet = (list: string): Set<string> => new Set(list.split(/\s+/).filter(Boolean));
export const MALE_FIRST_NAMES = nameSet(MALE_NAMES);
export const FEMALE_FIRST_NAMES = nameSet(FEMALE_NAMES);

/** 'male' or 'female' for a given name that is strongly one or the other ("Michelle"), else null. */
export function givenNameGender(given: string | null | undefined): 'male' | 'female' | null {
  if (!given) return null;
  const key = given.toLowerCase();
  const male = MALE_FIRST_NAMES.has(key);
  const female = FEMALE_FIRST_NAMES.has(key);
  return male === female ? null : male ? 'male' : 'female';
}

/** Pronouns that can stand for a speaker, by the gender they imply. */
export const PRONOUN_GENDER: ReadonlyMap<string, 'male' | 'female' | 'plural' | 'neuter' | 'first'> = new Map(
  [
    ['he', 'male'],
    ['she', 'female'],
    ['they', 'plural'],
    ['it', 'neuter'],
    ['we', 'first'],
    ['i', 'first'],
  ],
);

/** Words that make a source indefinite ("a spokesman", "one official", "aides"). */
export const INDEFINITE_DETERMINERS = words(`
a | an | one | two | three | four | five | several | some | many | other | another | few | numerous | multiple |
most | any | unnamed | anonymous | certain | various | both
`);

/**
 * Last words of names that are not people, organizations or places: laws, events, prizes, works,
 * diseases ("Affordable Care Act", "New Deal", "Pulitzer Prize").
 */
export const NON_ENTITY_HEADS = words(`
act | acts | deal | prize | prizes | award | awards | amendment | bill | doctrine | treaty | accord | accords |
agreement | war | cup | games | olympics | festival | convention | caucus | caucuses | primary | primaries |
debate | debates | summit | plan | law | syndrome | disease | virus | day | week | year | eve | era |
crisis | scandal | trial | show | album | book | film | novel | series | season | tour | ceremony | election |
elections | race | marathon | championship | championships | open | bowl | derby | awards | medal | order |
depression | recession | rankings | ranking | telescope | spacecraft | rover | missile | aircraft |
submarine | warship | destroyer | frigate | pipeline |
`);

/** Last words of names of places that are written like a person's name ("Ronald Reagan Washington National Airport"). */
export const PLACE_HEADS = words(`
airport | highway | station | street | avenue | road | boulevard | bridge | park | square | river | lake | island |
islands | county | stadium | arena | valley | bay | beach | mountains | mount | canyon | harbour | harbor | plaza |
tower | mall | terminal | freeway | expressway | parkway | trail | falls | peninsula | province | district |
sea | ocean | gulf | strait | desert | coast | canal | forest | heights | hills | creek | township | borough |
shoal | reef | atoll | archipelago | glacier | lagoon | fjord | plateau | building | courthouse | palace | castle |
`);

/** AP-style abbreviations of US states and Canadian provinces, as datelines and
 * addresses write them ("SURREY, B.C. —", "Rhinelander, Wis.", "Sen. Rand Paul (Ky.)"). */
export const REGION_ABBREVIATIONS: Record<string, string> = {
  'ala.': 'Alabama',
  'ariz.': 'Arizona',
  'ark.': 'Arkansas',
  'calif.': 'California',
  'colo.': 'Colorado',
  'conn.': 'Connecticut',
  'del.': 'Delaware',
  'fla.': 'Florida',
  'ga.': 'Georgia',
  'ill.': 'Illinois',
  'ind.': 'Indiana',
  'kan.': 'Kansas',
  'kans.': 'Kansas',
  'ky.': 'Kentucky',
  'la.': 'Louisiana',
  'md.': 'Maryland',
  'mass.': 'Massachusetts',
  'mich.': 'Michigan',
  'minn.': 'Minnesota',
  'miss.': 'Mississippi',
  'mo.': 'Missouri',
  'mont.': 'Montana',
  'neb.': 'Nebraska',
  'nev.': 'Nevada',
  'n.h.': 'New Hampshire',
  'n.j.': 'New Jersey',
  'n.m.': 'New Mexico',
  'n.y.': 'New York',
  'n.c.': 'North Carolina',
  'n.d.': 'North Dakota',
  'okla.': 'Oklahoma',
  'ore.': 'Oregon',
  'pa.': 'Pennsylvania',
  'r.i.': 'Rhode Island',
  's.c.': 'South Carolina',
  's.d.': 'South Dakota',
  'tenn.': 'Tennessee',
  'vt.': 'Vermont',
  'va.': 'Virginia',
  'wash.': 'Washington',
  'w.va.': 'West Virginia',
  'wis.': 'Wisconsin',
  'wisc.': 'Wisconsin',
  'wyo.': 'Wyoming',
  'd.c.': 'District of Columbia',
  'b.c.': 'British Columbia',
  'alta.': 'Alberta',
  'sask.': 'Saskatchewan',
  'man.': 'Manitoba',
  'ont.': 'Ontario',
  'que.': 'Quebec',
  'n.s.': 'Nova Scotia',
  'n.b.': 'New Brunswick',
  'p.e.i.': 'Prince Edward Island',
  'nfld.': 'Newfoundland and Labrador',
  'n.l.': 'Newfoundland and Labrador',
  'n.w.t.': 'Northwest Territories',
};

/** US postal codes after a city ("Lynchburg, VA"). */
export const POSTAL_CODES: Record<string, string> = Object.fromEntries(
  `AL Alabama|AK Alaska|AZ Arizona|AR Arkansas|CA California|CO Colorado|CT Connecticut|DE Delaware|
  FL Florida|GA Georgia|HI Hawaii|ID Idaho|IL Illinois|IN Indiana|IA Iowa|KS Kansas|KY Kentucky|
  LA Louisiana|ME Maine|MD Maryland|MA Massachusetts|MI Michigan|MN Minnesota|MS Mississippi|
  MO Missouri|MT Montana|NE Nebraska|NV Nevada|NH New Hampshire|NJ New Jersey|NM New Mexico|NY New York|
  NC North Carolina|ND North Dakota|OH Ohio|OK Oklahoma|OR Oregon|PA Pennsylvania|RI Rhode Island|
  SC South Carolina|SD South Dakota|TN Tennessee|TX Texas|UT Utah|VT Vermont|VA Virginia|WA Washington|
  WV West Virginia|WI Wisconsin|WY Wyoming|DC District of Columbia`
    .split('|')
    .map((pair) => {
      const [code = '', ...name] = pair.trim().split(' ');
      return [code, name.join(' ')];
    }),
);

/** Acronyms of common nouns: "the TV cameras", "a super PAC" name no organization. */
export const GENERIC_ACRONYMS = new Set(
  'tv|ceo|cfo|coo|cto|gdp|vp|pm|am|fm|dna|hiv|aids|id|pr|it|ai|ok|ufo|ngo|mp|mps|usb|pc|faq|diy|eta|rip|lol|pac|suv|atm|gps|mvp|hq|gmt|utc|edt|est|pst|cst|pdt|cdt|eps|fob|ipo|i.p.o.|c.e.o.|g.d.p.|lgbt|lgbtq|l.g.b.t.|mba|msm|ptsd|psa|pvc|vip|vat|cpi|foia|tpp|t.p.p.|nafta|nclb|potus|flotus|wwii|ww2|q&a|dvd|cd|lte|isdn|mri|icu|ev|evs|etf|etfs|covid|sars|mers|bc|bce|ad|ce|sat|gpa|nda|dui|gmo|ppe|wmd|stem|diy|byob|rsvp|asap|fyi|smh|omg|wtf|zip'.split(
    '|',
  ),
);

/** Words for faiths and peoples with no country of their own: "Muslim", "Kurd", "Latino" name no one. */
export const PEOPLE_WORDS = words(`
muslim | moslem | christian | jewish | jew | catholic | protestant | evangelical | mormon | hindu | buddhist |
sikh | sunni | shia | shiite | arab | kurd | afrikaner | latino | latina | latinx | hispanic | uighur | uyghur |
pashtun | rohingya | bedouin | cossack | scandinavian | anglo
`);
