import type { SheetAudience, SheetKind } from '../../common/contracts/sheets.contracts'
import type { Language } from '../../common/roles'

/**
 * The demo knowledge base, written for this project: sober, factual, non-stigmatising, as a
 * Belgian public service would write for the public and for professionals. Fictitious service;
 * the emergency numbers (112, police 101) are Belgium's real ones.
 */
export type DemoSheet = {
  code: string
  kind: SheetKind
  audiences: SheetAudience[]
  themes: string[]
  public: boolean
  texts: Partial<Record<Language, { title: string; body: string }>>
}

export const DEMO_SHEETS: DemoSheet[] = [
  {
    code: 'radicalisation-violente',
    kind: 'general',
    audiences: ['general_public', 'relatives', 'professionals'],
    themes: ['information-request'],
    public: true,
    texts: {
      fr: {
        title: "Qu'est-ce que la radicalisation violente ?",
        body: `La **radicalisation violente** désigne un processus par lequel une personne en vient à accepter, à soutenir ou à utiliser la violence pour défendre des idées politiques, religieuses ou idéologiques.

## Ce que ce n'est pas
- Avoir des convictions fortes, une pratique religieuse ou un engagement politique n'est **pas** de la radicalisation violente.
- Ce processus ne concerne aucune communauté, religion ou origine en particulier.

## Des signes qui peuvent inquiéter
Aucun signe isolé ne suffit. Ce qui compte, c'est un ensemble de changements qui durent :
- une rupture avec l'entourage, l'école ou le travail ;
- une vision du monde en « eux contre nous » ;
- la justification ou l'éloge de la violence ;
- un intérêt soudain pour des contenus violents en ligne.

## Le départ n'est pas une fatalité
Beaucoup de personnes s'éloignent de ces idées, souvent grâce à des liens de confiance. Parler tôt, sans juger, aide.

Vous vous posez des questions ? Notre ligne est **gratuite et confidentielle**.`,
      },
      nl: {
        title: 'Wat is gewelddadige radicalisering?',
        body: `**Gewelddadige radicalisering** is een proces waarin iemand geweld gaat aanvaarden, steunen of gebruiken om politieke, religieuze of ideologische ideeën te verdedigen.

## Wat het niet is
- Sterke overtuigingen, een religieuze praktijk of politiek engagement zijn **geen** gewelddadige radicalisering.
- Het proces hoort niet bij een bepaalde gemeenschap, religie of afkomst.

## Signalen die zorgen kunnen baren
Eén signaal op zich zegt weinig. Het gaat om veranderingen die aanhouden:
- zich afsluiten van familie, school of werk;
- een wereldbeeld van "wij tegen zij";
- geweld goedpraten of verheerlijken;
- plotse interesse in gewelddadige inhoud online.

## Niets staat vast
Veel mensen nemen weer afstand van zulke ideeën, vaak dankzij vertrouwde contacten. Vroeg en zonder oordeel praten helpt.

Hebt u vragen? Onze lijn is **gratis en vertrouwelijk**.`,
      },
      de: {
        title: 'Was ist gewaltbereite Radikalisierung?',
        body: `**Gewaltbereite Radikalisierung** bezeichnet einen Prozess, in dem ein Mensch beginnt, Gewalt zur Durchsetzung politischer, religiöser oder ideologischer Ziele zu akzeptieren, zu unterstützen oder anzuwenden.

## Was sie nicht ist
- Feste Überzeugungen, gelebter Glaube oder politisches Engagement sind **keine** gewaltbereite Radikalisierung.
- Der Prozess betrifft keine bestimmte Gemeinschaft, Religion oder Herkunft.

## Anzeichen, die Sorgen machen können
Ein einzelnes Zeichen genügt nicht. Wichtig sind Veränderungen, die andauern:
- Rückzug von Familie, Schule oder Arbeit;
- ein Weltbild von „wir gegen die anderen";
- Rechtfertigung oder Verherrlichung von Gewalt;
- plötzliches Interesse an gewalttätigen Inhalten im Internet.

## Nichts ist endgültig
Viele Menschen lösen sich wieder von solchen Ideen, oft dank vertrauensvoller Beziehungen. Früh und ohne Vorwurf zu sprechen, hilft.

Haben Sie Fragen? Unsere Telefonlinie ist **kostenlos und vertraulich**.`,
      },
      en: {
        title: 'What is violent radicalisation?',
        body: `**Violent radicalisation** is a process through which a person comes to accept, support or use violence to defend political, religious or ideological ideas.

## What it is not
- Strong convictions, religious practice or political commitment are **not** violent radicalisation.
- The process does not belong to any particular community, religion or origin.

## Signs that may cause concern
No single sign is enough. What matters is a set of changes that last:
- withdrawing from family, school or work;
- an "us against them" view of the world;
- justifying or praising violence;
- a sudden interest in violent content online.

## Nothing is settled
Many people move away from these ideas, often thanks to relationships they trust. Talking early, without judging, helps.

Any questions? Our line is **free and confidential**.`,
      },
    },
  },
  {
    code: 'fonctionnement-du-service',
    kind: 'general',
    audiences: ['general_public', 'relatives', 'professionals', 'person_concerned'],
    themes: ['information-request'],
    public: true,
    texts: {
      fr: {
        title: 'Comment fonctionne le service',
        body: `Le service informe, conseille et accompagne toute personne confrontée à une situation de radicalisation violente : proches, professionnels, ou personne concernée elle-même.

## Nous contacter
- par téléphone, les jours ouvrables, sur notre ligne **gratuite** ;
- par e-mail, par courrier ou via le formulaire « Être recontacté » ;
- sur rendez-vous, dans nos bureaux.

Vous pouvez rester **anonyme**. Un travailleur social vous écoute, vous informe et, si vous le souhaitez, vous oriente vers un service proche de chez vous.

## Ce que nous proposons
1. une information générale ou adaptée à votre situation ;
2. un conseil aux écoles, services et institutions ;
3. un accompagnement individuel, volontaire, des proches et des personnes concernées.

## Confidentialité
Ce que vous nous dites reste confidentiel. La seule exception est un danger grave et immédiat pour une personne : la décision est alors prise avec un responsable et consignée.

En cas d'urgence, appelez le **112**.`,
      },
      nl: {
        title: 'Hoe de dienst werkt',
        body: `De dienst informeert, adviseert en begeleidt iedereen die te maken heeft met gewelddadige radicalisering: naasten, professionals of de betrokken persoon zelf.

## Contact opnemen
- telefonisch, op werkdagen, via onze **gratis** lijn;
- per e-mail, per brief of via het formulier "Terugbellen";
- op afspraak, in onze kantoren.

U kunt **anoniem** blijven. Een maatschappelijk werker luistert, informeert en verwijst u als u dat wenst door naar een dienst in uw buurt.

## Wat wij bieden
1. algemene of op uw situatie afgestemde informatie;
2. advies aan scholen, diensten en instellingen;
3. vrijwillige individuele begeleiding van naasten en betrokkenen.

## Vertrouwelijkheid
Wat u ons vertelt, blijft vertrouwelijk. De enige uitzondering is ernstig en onmiddellijk gevaar voor iemand: die beslissing wordt dan met een verantwoordelijke genomen en vastgelegd.

Bij nood belt u **112**.`,
      },
      de: {
        title: 'So arbeitet der Dienst',
        body: `Der Dienst informiert, berät und begleitet alle, die mit gewaltbereiter Radikalisierung konfrontiert sind: Angehörige, Fachkräfte oder die betroffene Person selbst.

## Kontakt
- telefonisch an Werktagen über unsere **kostenlose** Linie;
- per E-Mail, Brief oder über das Formular „Rückruf erbitten";
- nach Vereinbarung in unseren Büros.

Sie können **anonym** bleiben. Eine Sozialarbeiterin oder ein Sozialarbeiter hört zu, informiert und vermittelt Sie auf Wunsch an einen Dienst in Ihrer Nähe.

## Unser Angebot
1. allgemeine oder auf Ihre Lage zugeschnittene Information;
2. Beratung für Schulen, Dienste und Einrichtungen;
3. freiwillige Einzelbegleitung für Angehörige und Betroffene.

## Vertraulichkeit
Was Sie uns sagen, bleibt vertraulich. Einzige Ausnahme ist eine ernste und unmittelbare Gefahr für einen Menschen: Diese Entscheidung wird mit einer verantwortlichen Person getroffen und festgehalten.

Im Notfall rufen Sie die **112** an.`,
      },
      en: {
        title: 'How the service works',
        body: `The service informs, advises and supports anyone facing a situation of violent radicalisation: relatives, professionals, or the person concerned.

## Reaching us
- by phone on working days, on our **free** line;
- by e-mail, by letter or through the "Ask to be contacted" form;
- by appointment, at our offices.

You may stay **anonymous**. A social worker listens, informs you and, if you wish, refers you to a service near you.

## What we offer
1. general information, or information suited to your situation;
2. advice to schools, services and institutions;
3. voluntary individual support for relatives and for the persons concerned.

## Confidentiality
What you tell us stays confidential. The only exception is a serious and immediate danger to someone: that decision is then taken with a lead and recorded.

In an emergency, call **112**.`,
      },
    },
  },
  {
    code: 'droits-de-la-personne',
    kind: 'general',
    audiences: ['person_concerned', 'relatives'],
    themes: ['information-request'],
    public: false,
    texts: {
      fr: {
        title: 'Vos droits',
        body: `Que vous nous contactiez pour vous-même ou pour un proche, vous avez des droits.

- **Le libre choix** : l'accompagnement est volontaire, sauf lorsqu'un juge l'impose comme condition ; vous pouvez y mettre fin.
- **La confidentialité** : les travailleurs sont tenus au secret professionnel. Une exception n'est possible qu'en cas de danger grave et immédiat, et elle est consignée.
- **L'accès à vos données** : vous pouvez demander quelles informations nous conservons sur vous, en obtenir copie et en demander la correction.
- **L'effacement** : dans les limites prévues par la loi, vous pouvez demander l'effacement de vos données.
- **La plainte** : vous pouvez vous adresser à notre délégué à la protection des données, puis à l'Autorité de protection des données.

Nous vous expliquons ces droits de vive voix si vous le souhaitez.`,
      },
      nl: {
        title: 'Uw rechten',
        body: `Of u ons nu contacteert voor uzelf of voor een naaste, u hebt rechten.

- **Vrije keuze**: begeleiding is vrijwillig, behalve als een rechter ze oplegt als voorwaarde; u kunt ze stopzetten.
- **Vertrouwelijkheid**: medewerkers hebben beroepsgeheim. Een uitzondering kan alleen bij ernstig en onmiddellijk gevaar, en wordt vastgelegd.
- **Inzage**: u kunt vragen welke gegevens wij over u bewaren, er een kopie van krijgen en verbetering vragen.
- **Wissing**: binnen de grenzen van de wet kunt u vragen uw gegevens te wissen.
- **Klacht**: u kunt terecht bij onze functionaris voor gegevensbescherming en daarna bij de Gegevensbeschermingsautoriteit.

Wij lichten deze rechten graag mondeling toe.`,
      },
      de: {
        title: 'Ihre Rechte',
        body: `Ob Sie sich für sich selbst oder für einen Angehörigen an uns wenden: Sie haben Rechte.

- **Freiwilligkeit**: Die Begleitung ist freiwillig, außer wenn ein Gericht sie als Auflage anordnet; Sie können sie beenden.
- **Vertraulichkeit**: Die Mitarbeitenden unterliegen der Schweigepflicht. Eine Ausnahme gibt es nur bei ernster und unmittelbarer Gefahr, und sie wird festgehalten.
- **Auskunft**: Sie können erfragen, welche Daten wir über Sie speichern, eine Kopie erhalten und eine Berichtigung verlangen.
- **Löschung**: Im gesetzlichen Rahmen können Sie die Löschung Ihrer Daten verlangen.
- **Beschwerde**: Sie können sich an unseren Datenschutzbeauftragten und danach an die Datenschutzbehörde wenden.

Gerne erklären wir Ihnen diese Rechte auch im Gespräch.`,
      },
      en: {
        title: 'Your rights',
        body: `Whether you contact us for yourself or for someone close to you, you have rights.

- **Free choice**: support is voluntary, unless a judge sets it as a condition; you may end it.
- **Confidentiality**: staff are bound by professional secrecy. An exception is only possible in case of serious and immediate danger, and it is recorded.
- **Access**: you may ask what information we keep about you, get a copy and ask for corrections.
- **Erasure**: within the limits of the law, you may ask for your data to be erased.
- **Complaints**: you may turn to our data protection officer, then to the Data Protection Authority.

We are glad to explain these rights in person.`,
      },
    },
  },
  {
    code: 'pour-les-parents',
    kind: 'targeted',
    audiences: ['parents', 'relatives'],
    themes: ['worry-about-relative', 'online-exposure'],
    public: false,
    texts: {
      fr: {
        title: 'Pour les parents : vous vous inquiétez pour votre enfant',
        body: `Il est normal de s'inquiéter quand un enfant change. Votre lien avec lui est la ressource la plus importante.

## Ce qui aide
- **Garder le contact**, même quand les discussions sont difficiles. Montrez de l'intérêt pour ce qu'il vit et pense.
- **Écouter avant de répondre**. Posez des questions ouvertes : « Qu'est-ce qui te plaît dans ces vidéos ? »
- **Parler de vos valeurs** sans humilier ni menacer.
- **Prendre soin de vous** : vous n'avez pas à porter cela seul.

## Ce qui peut aggraver la situation
- confisquer le téléphone ou couper tout accès sans explication ;
- les moqueries, les ultimatums ;
- rompre le contact.

## Quand appeler
Appelez-nous dès que vous vous posez des questions : l'appel est gratuit, confidentiel, et vous pouvez rester anonyme. Si vous pensez qu'un départ vers une zone de conflit ou un acte violent est imminent, appelez le **112** ou la police au **101**.`,
      },
      en: {
        title: 'For parents: you are worried about your child',
        body: `It is normal to worry when a child changes. Your bond with them is the most important resource.

## What helps
- **Stay in touch**, even when conversations are hard. Show interest in what they live through and think.
- **Listen before answering**. Ask open questions: "What do you like about these videos?"
- **Talk about your values** without humiliating or threatening.
- **Look after yourself**: you do not have to carry this alone.

## What can make things worse
- taking the phone away or cutting all access without explanation;
- mockery, ultimatums;
- breaking off contact.

## When to call
Call us as soon as you have questions: the call is free, confidential, and you may stay anonymous. If you believe a departure to a conflict zone or a violent act is imminent, call **112** or the police on **101**.`,
      },
    },
  },
  {
    code: 'pour-les-enseignants',
    kind: 'targeted',
    audiences: ['teachers', 'professionals'],
    themes: ['information-request'],
    public: false,
    texts: {
      fr: {
        title: 'Pour les enseignants et éducateurs',
        body: `Vous êtes souvent les premiers à remarquer qu'un élève change. Votre rôle n'est pas de diagnostiquer, mais de rester en lien et de ne pas rester seul avec votre inquiétude.

## Observer sans étiqueter
Notez des faits datés (propos, changements de comportement, absences) plutôt que des impressions. Une opinion choquante n'est pas en soi un signe de radicalisation violente.

## Garder le dialogue
- Laissez place au débat en classe, avec des règles claires.
- Parlez avec l'élève, en tête à tête, de ce que vous avez observé.
- Associez les parents, sauf si cela met l'élève en danger.

## Ne pas rester seul
Parlez-en à la direction et au centre PMS / PSE. Vous pouvez nous appeler pour un **conseil**, sans donner le nom de l'élève. Si nécessaire, nous construisons avec l'école une réponse adaptée.

En cas de menace précise et immédiate : **112** ou police **101**.`,
      },
      en: {
        title: 'For teachers and educators',
        body: `You are often the first to notice that a pupil is changing. Your role is not to diagnose, but to stay connected and not to stay alone with your concern.

## Observe without labelling
Write down dated facts (remarks, changes in behaviour, absences) rather than impressions. A shocking opinion is not in itself a sign of violent radicalisation.

## Keep the dialogue going
- Leave room for debate in class, with clear rules.
- Talk with the pupil, one to one, about what you have observed.
- Involve the parents, unless this puts the pupil at risk.

## Do not stay alone
Talk to the school management and the school's psycho-medical-social centre. You may call us for **advice** without giving the pupil's name. If needed, we build a suitable response with the school.

If there is a precise and immediate threat: **112** or police **101**.`,
      },
    },
  },
  {
    code: 'apres-un-retour-de-zone-de-conflit',
    kind: 'targeted',
    audiences: ['returnees', 'relatives', 'professionals'],
    themes: ['departure-return-conflict-zone'],
    public: false,
    texts: {
      fr: {
        title: "Après un retour d'une zone de conflit",
        body: `Le retour d'une personne, adulte ou enfant, après un séjour dans une zone de conflit est une période délicate pour elle et pour ses proches.

## Ce qui se passe souvent
- Une procédure judiciaire peut être en cours : le service ne la remplace pas, il travaille dans le respect des décisions de justice.
- Les enfants ont besoin d'abord de sécurité, de soins et de scolarité : ils sont avant tout des enfants.
- Les proches vivent souvent un mélange de soulagement, de peur et de honte.

## Ce que nous proposons
- un accompagnement volontaire de la personne et de sa famille ;
- un lien avec les services de santé, y compris de santé mentale, et les services sociaux ;
- une aide pour retrouver un logement, une formation ou un emploi.

## Pour les proches
Vous avez le droit d'être soutenus vous aussi. Un entretien peut avoir lieu sans la personne revenue.

Tout ce que vous nous confiez reste confidentiel, sauf danger grave et immédiat.`,
      },
      en: {
        title: 'After a return from a conflict zone',
        body: `The return of a person, adult or child, after a stay in a conflict zone is a delicate time for them and for those close to them.

## What often happens
- Court proceedings may be under way: the service does not replace them, and works within the decisions of the courts.
- Children need safety, care and schooling first: they are children above all.
- Relatives often feel a mix of relief, fear and shame.

## What we offer
- voluntary support for the person and their family;
- links with health services, mental health included, and social services;
- help to find housing, training or work again.

## For relatives
You have the right to be supported too. A meeting can take place without the person who has returned.

Everything you tell us stays confidential, except in case of serious and immediate danger.`,
      },
    },
  },
]
