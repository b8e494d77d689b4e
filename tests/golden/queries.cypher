// devtools.queries.bench_load.create_nodes(label=Label.UNIT) -> bench_create_Unit
UNWIND $rows AS row CREATE (n:`Unit`:`Entity`) SET n = row.props, n += row.prov

// devtools.queries.bench_load.create_rels(rel=Rel.MEMBER_OF, src=Label.UNIT, dst=Label.UNIT) -> bench_create_MEMBER_OF_Unit_Unit
UNWIND $rows AS row
MATCH (a:`Unit` {id: row.src}) USING INDEX a:`Unit`(id) MATCH (b:`Unit` {id: row.dst}) USING INDEX b:`Unit`(id)
CREATE (a)-[r:`MEMBER_OF`]->(b) SET r = row.props, r += row.prov

// devtools.queries.bench_load.load_csv_links(rel=Rel.SEATED_ON, src='person_id', dst='org_id', key=('person_id', 'org_id', 'start'), props=(('title', 'title'))) -> bench_load_csv_SEATED_ON
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:`Entity` {id: row.person_id}) MATCH (b:`Entity` {id: row.org_id})
  MERGE (a)-[r:`SEATED_ON` {id: coalesce(row.person_id, '') + '|' + coalesce(row.org_id, '') + '|' + coalesce(row.start, '')}]->(b) SET r += {title: row.title}
} IN TRANSACTIONS OF 10000 ROWS

// devtools.queries.bench_load.load_csv_nodes(label=Label.UNIT, props=(('name', 'name'))) -> bench_load_csv_Unit
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (n:`Unit` {id: row.id}) SET n:`Entity` SET n += {name: row.name}
} IN TRANSACTIONS OF 10000 ROWS

// devtools.queries.bench_load.load_csv_refs(rel=Rel.LOCATED_IN, column='area_id', outgoing=True, many=False) -> bench_load_csv_LOCATED_IN_area_id
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  WITH row WHERE row.area_id IS NOT NULL
  UNWIND [row.area_id] AS ref
  MATCH (a:`Entity` {id: row.id}) MATCH (b:`Entity` {id: trim(ref)})
  MERGE (a)-[:`LOCATED_IN`]->(b)
} IN TRANSACTIONS OF 10000 ROWS

// devtools.queries.bench_load.load_csv_refs(rel=Rel.MEMBER_OF, column='alliances', outgoing=False, many=True) -> bench_load_csv_MEMBER_OF_alliances
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  WITH row WHERE row.alliances IS NOT NULL
  UNWIND split(row.alliances, ';') AS ref
  MATCH (a:`Entity` {id: row.id}) MATCH (b:`Entity` {id: trim(ref)})
  MERGE (b)-[:`MEMBER_OF`]->(a)
} IN TRANSACTIONS OF 10000 ROWS

// devtools.queries.bench_load.per_row_node(label=Label.UNIT) -> bench_row_Unit
MERGE (n:`Unit` {id: $id}) SET n:`Entity` SET n += $props

// devtools.queries.bench_load.per_row_rel(rel=Rel.MEMBER_OF) -> bench_row_MEMBER_OF
MATCH (a:`Entity` {id: $src}) MATCH (b:`Entity` {id: $dst})
MERGE (a)-[r:`MEMBER_OF` {id: $id}]->(b) SET r += $props

// devtools.queries.demo_figures.AREA_BRANCHES -> demo_area_branches
MATCH (top:`Area` {name: $area})<-[:`PART_OF`*0..4]-(a:`Area`)
CALL (a) {
  MATCH (a)<-[:`BASED_IN`]-(o:`PartyOrg` {type: 'branch'})
  RETURN o
  UNION
  MATCH (a)<-[:`LOCATED_IN`]-(:`Unit`)<-[:`BELONGS_TO`]-(o:`PartyOrg` {type: 'branch'})
  RETURN o
}
WITH DISTINCT o
RETURN count(o) AS branches, sum(o.members) AS members

// devtools.queries.demo_figures.BIG_COMMITTEES -> demo_big_committees
MATCH (p:`Person`)-[s:`SEATED_ON`]->(o:`PartyOrg`)
      -[:`BASED_IN`]->(:`Area` {level: 'community'})
WHERE s.start IS NOT NULL AND s.start <= $day AND (s.end IS NULL OR s.end >= $day) AND EXISTS { (p)-[:`WORKS_AT`]->(:`Unit`) }
RETURN count(DISTINCT o) AS committees, count(DISTINCT p) AS members

// devtools.queries.demo_figures.GRIDS -> demo_grids
MATCH (top:`Area` {name: $area})<-[:`PART_OF`*1..4]-(g:`Area` {level: 'grid'})
WITH g, EXISTS { (g)<-[:`BASED_IN`]-(:`PartyOrg` {type: 'branch'}) } AS has_branch
RETURN count(g) AS grids, sum(CASE WHEN has_branch THEN 1 ELSE 0 END) AS with_branch

// devtools.queries.demo_figures.JOINT_MEETINGS -> demo_joint_meetings
MATCH (a:`Area`)
WHERE a.level IN ['street', 'community'] AND a.joint_meeting = true
RETURN a.level AS level, count(*) AS areas
ORDER BY level

// devtools.queries.demo_figures.NEED_CATEGORIES -> demo_need_categories
MATCH (a:`Area` {name: $area})
CALL (a) {
  MATCH (n:`Need`)-[:`RAISED_BY`]->(a)
  RETURN n
  UNION
  MATCH (n:`Need`)-[:`RAISED_BY`]->(:`PartyOrg`)-[:`BASED_IN`]->(a)
  RETURN n
}
RETURN count(n) AS needs, collect(DISTINCT n.category) AS categories

// devtools.queries.demo_figures.PROJECTS_OF_UNIT_FOR_AREA -> demo_projects_of_unit_for_area
MATCH (u:`Unit`) WHERE u.name = $unit OR $unit IN coalesce(u.aliases, [])
MATCH (a:`Area` {name: $area})
MATCH (u)<-[:`BELONGS_TO`*0..1]-()<-[:`DELIVERED_BY`]-(j:`Project`)
      -[:`MEETS`]->(n:`Need`)-[:`RAISED_BY`]->(owner)
WHERE owner = a OR EXISTS { (owner)-[:`BASED_IN`]->(a) }
RETURN DISTINCT j.title AS project, n.category AS category, j.status AS status
ORDER BY project
LIMIT 100

// devtools.queries.demo_figures.RESOURCES_IN_AREA -> demo_resources_in_area
MATCH (a:`Area` {name: $area})
CALL (a) {
  MATCH (r:`Resource`)-[:`OFFERED_BY`]->(a)
  RETURN r
  UNION
  MATCH (r:`Resource`)-[:`OFFERED_BY`]->()
        -[:`BASED_IN`|`LOCATED_IN`]->(a)
  RETURN r
  UNION
  MATCH (r:`Resource`)-[:`OFFERED_BY`]->(:`PartyOrg`)-[:`BELONGS_TO`]->(:`Unit`)
        -[:`LOCATED_IN`]->(a)
  RETURN r
}
WITH DISTINCT r WHERE r.title STARTS WITH $prefix
RETURN count(r) AS resources

// devtools.queries.demo_figures.STREET_ALLIANCES -> demo_street_alliances
MATCH (a:`Alliance`)-[:`HOSTED_BY`]->(:`Area` {level: 'street'})
RETURN count(DISTINCT a) AS alliances

// devtools.queries.demo_figures.UNLINKED_UNITS -> demo_unlinked_units
MATCH (u:`Unit`)
WITH u,
     EXISTS { (u)-[:`MEMBER_OF`|`PARTY_TO`]->() }
     OR EXISTS { (u)<-[:`RAISED_BY`|`OFFERED_BY`|`DELIVERED_BY`]-() }
     OR EXISTS { (u)<-[:`BELONGS_TO`]-(:`PartyOrg`)-[:`MEMBER_OF`|`PARTY_TO`]->() }
     OR EXISTS { (u)<-[:`BELONGS_TO`]-(:`PartyOrg`)<-[:`RAISED_BY`|`OFFERED_BY`|`DELIVERED_BY`]-() }
     OR EXISTS { (u)<-[:`WORKS_AT`]-(:`Person`)-[:`SEATED_ON`]->() } AS linked
RETURN count(u) AS units, sum(CASE WHEN linked THEN 0 ELSE 1 END) AS unlinked

// devtools.queries.demo_figures.WORKERS_TITLED -> demo_workers_titled
MATCH (top:`Area` {name: $area})<-[:`PART_OF`*0..4]-(:`Area`)
      <-[:`LOCATED_IN`]-(:`Unit`)<-[:`WORKS_AT`]-(p:`Person` {title: $title})
RETURN count(DISTINCT p) AS people

// devtools.queries.maintenance.COUNT_DATA_NODES -> count_data_nodes
MATCH (n) WHERE NOT n:TestSentinel RETURN count(n) AS n

// devtools.queries.maintenance.COUNT_DOMAIN_RECORDS -> count_domain_records
CALL { MATCH (n:`Entity`) RETURN count(n) AS nodes }
CALL { MATCH (:`Entity`)-[r]->(:`Entity`) RETURN count(r) AS rels }
RETURN nodes, rels

// devtools.queries.maintenance.MARK_OWNED -> mark_owned
MERGE (s:TestSentinel {id: 'owner'}) SET s.token = $token

// devtools.queries.maintenance.OWNER_TOKEN -> owner_token
MATCH (s:TestSentinel {id: 'owner'}) RETURN s.token AS token

// devtools.queries.maintenance.WIPE_BATCH -> wipe_batch
MATCH (n) WHERE NOT n:TestSentinel WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted

// graph.migrate.AWAIT_INDEXES -> await_indexes
CALL db.awaitIndexes($seconds)

// graph.migrate.GET_SCHEMA_VERSION -> get_schema_version
MATCH (m:`SchemaMeta` {id: 'schema'}) RETURN m.version AS version

// graph.migrate.SET_RELATIONSHIP_IDS -> set_relationship_ids
UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.rid SET r.id = row.id

// graph.migrate.SET_SCHEMA_VERSION -> set_schema_version
MERGE (m:`SchemaMeta` {id: 'schema'})
SET m.version = $version, m.applied_at = datetime(), m.data_epoch = coalesce(m.data_epoch, randomUUID())

// graph.migrate.SHOW_CONSTRAINT_NAMES -> show_constraint_names
SHOW CONSTRAINTS YIELD name RETURN name

// graph.migrate.SHOW_INDEX_NAMES -> show_index_names
SHOW INDEXES YIELD name RETURN name

// graph.migrate.old_keyed(rel=Rel.MEMBER_OF) -> old_keyed_MEMBER_OF
MATCH (a)-[r:`MEMBER_OF`]->(b) WHERE r.id CONTAINS '|'
RETURN elementId(r) AS rid,
       [part IN $parts | CASE part WHEN 'from' THEN a.id WHEN 'to' THEN b.id
                         ELSE coalesce(toString(r[part]), '') END] AS parts
LIMIT $limit

// graph.queries.area_view.ALLIANCE_TIES -> area_view_alliance_ties
UNWIND $alliances AS alliance_id
MATCH (m)-[r:`MEMBER_OF`|`LEADS`]->(:`Alliance` {id: alliance_id})
WHERE m.id IN $members
RETURN m.id AS source, alliance_id AS target, type(r) AS type
LIMIT $limit

// graph.queries.area_view.AREA_ALLIANCES -> area_view_alliances
CALL () {
    UNWIND $areas AS area_id
    MATCH (al:`Alliance`)-[:`HOSTED_BY`]->(:`Area` {id: area_id})
    RETURN al
    UNION
    UNWIND $members AS member_id
    MATCH (:`Entity` {id: member_id})-[:`MEMBER_OF`]->(al:`Alliance`)
    RETURN al
  }
  WITH DISTINCT al WHERE ($scope IS NULL OR EXISTS {

  CALL (al) {
    WITH al WHERE al:`Area` OR al:`Unit` OR al:`PartyOrg` OR al:`Alliance` RETURN al AS scope_base
    UNION
    MATCH (al:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (al:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (al:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (al:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (al:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (al:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
  WITH al LIMIT $limit
  OPTIONAL MATCH (al)-[:`HOSTED_BY`]->(host:`Area`)
  RETURN al.id AS id, al.name AS name, al.founded AS founded, collect(DISTINCT host.id) AS hosts

// graph.queries.area_view.AREA_CONTRACTS -> area_view_contracts
UNWIND $members AS party_id
MATCH (:`Entity` {id: party_id})-[:`PARTY_TO`]->(c:`Contract`)
RETURN c.id AS id, c.name AS name, c.status AS status, c.signed AS signed, c.expires AS expires,
       party_id AS party
LIMIT $limit

// graph.queries.area_view.AREA_MEMBER_COUNTS -> area_view_member_counts
UNWIND $alliances AS alliance_id
MATCH (m)-[:`MEMBER_OF`]->(:`Alliance` {id: alliance_id})
OPTIONAL MATCH (m)-[:`BELONGS_TO`]->(owner:`Unit`)
WITH alliance_id, coalesce(owner, m) AS holder
MATCH (holder)-[:`LOCATED_IN`]->(a:`Area`)
WHERE holder:`Unit` AND a.id IN $areas
RETURN a.id AS area, alliance_id AS alliance, count(*) AS members
LIMIT $limit

// graph.queries.area_view.AREA_PARTY_ORGS -> area_view_party_orgs
CALL () {
  UNWIND $areas AS area_id
  MATCH (p:`PartyOrg`)-[:`BASED_IN`]->(:`Area` {id: area_id})
  RETURN p, area_id AS area, null AS unit
  UNION
  UNWIND $units AS unit_id
  MATCH (p:`PartyOrg`)-[:`BELONGS_TO`]->(:`Unit` {id: unit_id})
  RETURN p, null AS area, unit_id AS unit
}
RETURN p.id AS id, p.name AS name, p.type AS type, area, unit
LIMIT $limit

// graph.queries.area_view.AREA_SUBTREE -> area_view_subtree
MATCH (root:`Area` {id: $area})
MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
OPTIONAL MATCH (a)-[:`PART_OF`]->(parent:`Area`)
RETURN a.id AS id, a.name AS name, a.level AS level,
       CASE WHEN a = root THEN null ELSE parent.id END AS parent
LIMIT $limit

// graph.queries.area_view.AREA_UNITS -> area_view_units
UNWIND $areas AS area_id
MATCH (u:`Unit`)-[:`LOCATED_IN`]->(:`Area` {id: area_id})
RETURN u.id AS id, u.name AS name, u.kind AS kind, u.industry AS industry, area_id AS area
LIMIT $limit

// graph.queries.area_view.AREA_UNIT_COUNTS -> area_view_unit_counts
UNWIND $areas AS area_id
MATCH (a:`Area` {id: area_id})
RETURN area_id AS area, COUNT { (:`Unit`)-[:`LOCATED_IN`]->(a) } AS units

// graph.queries.area_view.ORG_REPORTS -> area_view_reports_to
UNWIND $orgs AS org_id
MATCH (p:`PartyOrg` {id: org_id})-[:`REPORTS_TO`]->(up:`PartyOrg`)
WHERE up.id IN $orgs
RETURN p.id AS source, up.id AS target
LIMIT $limit

// graph.queries.audit.COUNT_ENTRIES -> count_audit_entries
MATCH (e:`AuditEntry`)
WHERE e.at >= $since AND e.at < $until
  AND ($user IS NULL OR e.user = $user)
  AND ($action IS NULL OR e.action = $action)
  AND ($scope IS NULL OR EXISTS {
        MATCH (u:`User` {id: e.user})
        MATCH (home:`Area` {id: u.area_id}) WHERE EXISTS { MATCH (home)-[:`PART_OF`*0..4]->(root:`Area`) WHERE root.id IN $scope }
      })
RETURN count(e) AS n

// graph.queries.audit.CREATE_ENTRY -> create_audit_entry
CREATE (e:`AuditEntry` {id: $id, at: $at, user: $user, action: $action, target: $target, ip: $ip,
                      detail: $detail})
RETURN e.id AS id

// graph.queries.audit.LIST_ENTRIES -> list_audit_entries
MATCH (e:`AuditEntry`)
WHERE e.at >= $since AND e.at < $until
  AND ($user IS NULL OR e.user = $user)
  AND ($action IS NULL OR e.action = $action)
  AND ($scope IS NULL OR EXISTS {
        MATCH (u:`User` {id: e.user})
        MATCH (home:`Area` {id: u.area_id}) WHERE EXISTS { MATCH (home)-[:`PART_OF`*0..4]->(root:`Area`) WHERE root.id IN $scope }
      })

    RETURN e.id AS id, e.at AS at, e.user AS user, e.action AS action, e.target AS target, e.ip AS ip,
           e.detail AS detail
    ORDER BY e.at DESC, e.id
    SKIP $skip LIMIT $limit

// graph.queries.audit.PRUNE_ENTRIES -> prune_audit_entries
MATCH (e:`AuditEntry`) WHERE e.at < $cutoff
WITH e LIMIT $batch
DELETE e
RETURN count(*) AS n

// graph.queries.claims.CLAIMANT -> claims_claimant
MATCH (x:`Unit`|`PartyOrg` {id: $claimant}) WHERE (CASE WHEN $unit IS NULL THEN ($scope IS NULL OR EXISTS {

    CALL (x) {
      WITH x WHERE x:`Area` OR x:`Unit` OR x:`PartyOrg` OR x:`Alliance` RETURN x AS scope_base
      UNION
      MATCH (x:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) ELSE ($unit IS NOT NULL AND any(unit_side IN [x] + [(x)-[:`RAISED_BY`|`OFFERED_BY`]->(unit_owner)
    | unit_owner] WHERE (unit_side:`Unit` AND unit_side.id = $unit)
       OR EXISTS { (unit_side)-[:`BELONGS_TO`]->(:`Unit` {id: $unit}) })) END)
RETURN x.id AS id, x.name AS name,
       EXISTS { MATCH (c:`Claim` {status: 'pending'})-[:`CLAIMED_BY`]->(x),
                       (c)-[:`CLAIMS`]->(:`Entity` {id: $item}) } AS has_pending

// graph.queries.claims.CLAIMANTS -> claims_claimants
CALL () {
  MATCH (x:`Unit` {id: $unit}) RETURN x, 'unit' AS type
  UNION
  MATCH (x:`PartyOrg`)-[:`BELONGS_TO`]->(:`Unit` {id: $unit}) RETURN x, 'org' AS type
  UNION
  MATCH (root:`Area`) WHERE $unit IS NULL AND root.id IN $scope
  MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
  CALL (a) {
    MATCH (x:`PartyOrg`)-[:`BASED_IN`]->(a) RETURN x, 'community' AS type
    UNION
    MATCH (x:`Unit`)-[:`LOCATED_IN`]->(a) RETURN x, 'unit' AS type
  }
  RETURN x, type
}
RETURN DISTINCT x.id AS id, x.name AS name, type
ORDER BY type DESC, name, id
LIMIT $limit

// graph.queries.claims.CLAIM_DETAIL -> claims_detail
MATCH (c:`Claim` {id: $claim})-[:`CLAIMS`]->(n), (c)-[:`CLAIMED_BY`]->(x)
WHERE (CASE WHEN $unit IS NULL THEN ($scope IS NULL OR EXISTS {

    CALL (n) {
      WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
      UNION
      MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) ELSE ($unit IS NOT NULL AND any(unit_side IN [n] + [(n)-[:`RAISED_BY`|`OFFERED_BY`]->(unit_owner)
    | unit_owner] WHERE (unit_side:`Unit` AND unit_side.id = $unit)
       OR EXISTS { (unit_side)-[:`BELONGS_TO`]->(:`Unit` {id: $unit}) })) END) OR (CASE WHEN $unit IS NULL THEN ($scope IS NULL OR EXISTS {

    CALL (x) {
      WITH x WHERE x:`Area` OR x:`Unit` OR x:`PartyOrg` OR x:`Alliance` RETURN x AS scope_base
      UNION
      MATCH (x:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) ELSE ($unit IS NOT NULL AND any(unit_side IN [x] + [(x)-[:`RAISED_BY`|`OFFERED_BY`]->(unit_owner)
    | unit_owner] WHERE (unit_side:`Unit` AND unit_side.id = $unit)
       OR EXISTS { (unit_side)-[:`BELONGS_TO`]->(:`Unit` {id: $unit}) })) END)
OPTIONAL MATCH (n)-[:`RAISED_BY`|`OFFERED_BY`]->(owner)
WITH c, n, x, head(collect(owner)) AS owner
OPTIONAL MATCH (c)-[:`BECAME`]->(j:`Project`)
OPTIONAL MATCH (j)-[:`UNDER`]->(k:`Contract`)
CALL (c) {
  MATCH (step_node:`ClaimStep`)-[:`STEP_OF`]->(c)
  WITH step_node ORDER BY step_node.at, step_node.id LIMIT 100
  RETURN collect(step_node {.at, .by, .action, .before, .after, .reason}) AS steps
}
RETURN c {.id, .status, .plan, .start, .end, .reason, .created_at, .created_by, .decided_at,
          .decided_by} AS claim,
       CASE WHEN n:`Need` THEN 'need' ELSE 'resource' END AS kind, n.id AS item, n.title AS item_title, n.status AS item_status,
       n.category AS category, owner.id AS owner, owner.name AS owner_name, x.id AS claimant,
       x.name AS claimant_name, j.id AS project, k.id AS contract, k.status AS contract_status, steps,
       (CASE WHEN $unit IS NULL THEN ($scope IS NULL OR EXISTS {

    CALL (n) {
      WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
      UNION
      MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) ELSE ($unit IS NOT NULL AND any(unit_side IN [n] + [(n)-[:`RAISED_BY`|`OFFERED_BY`]->(unit_owner)
    | unit_owner] WHERE (unit_side:`Unit` AND unit_side.id = $unit)
       OR EXISTS { (unit_side)-[:`BELONGS_TO`]->(:`Unit` {id: $unit}) })) END) AS owner_side, (CASE WHEN $unit IS NULL THEN ($scope IS NULL OR EXISTS {

    CALL (x) {
      WITH x WHERE x:`Area` OR x:`Unit` OR x:`PartyOrg` OR x:`Alliance` RETURN x AS scope_base
      UNION
      MATCH (x:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) ELSE ($unit IS NOT NULL AND any(unit_side IN [x] + [(x)-[:`RAISED_BY`|`OFFERED_BY`]->(unit_owner)
    | unit_owner] WHERE (unit_side:`Unit` AND unit_side.id = $unit)
       OR EXISTS { (unit_side)-[:`BELONGS_TO`]->(:`Unit` {id: $unit}) })) END) AS claimant_side

// graph.queries.claims.CLAIM_STATE -> claims_claim_state
MATCH (c:`Claim` {id: $claim})-[:`CLAIMS`]->(n), (c)-[:`CLAIMED_BY`]->(x)
OPTIONAL MATCH (n)-[:`RAISED_BY`|`OFFERED_BY`]->(owner)
WITH c, n, x, head(collect(owner)) AS owner
// The owner's side of a contract: the owner if it can be a party, else the party org based in the
// owner's area (the community's own), the first by id.
OPTIONAL MATCH (based:`PartyOrg`)-[:`BASED_IN`]->(owner)
WITH c, n, x, owner, based ORDER BY based.id
WITH c, n, x, owner, head(collect(based)) AS based
RETURN c.status AS status, c.created_by AS created_by, c.start AS start, c.end AS end, CASE WHEN n:`Need` THEN 'need' ELSE 'resource' END AS kind,
       n.id AS item, n.status AS item_status, n.title AS item_title, x.id AS claimant,
       x.name AS claimant_name, owner.name AS owner_name,
       CASE WHEN owner:`Unit`|`PartyOrg` THEN owner.id ELSE based.id END AS party

// graph.queries.claims.CLOSE_OTHER_CLAIMS -> claims_close_others
MATCH (c:`Claim` {id: $claim})-[:`CLAIMS`]->(n)<-[:`CLAIMS`]-(o:`Claim` {status: 'pending'})
WHERE o <> c
CREATE (:`ClaimStep` {id: randomUUID(), at: $now, by: $user, action: $action, before: o.status, after: $after, reason: $reason})-[:`STEP_OF`]->(o)
SET o.status = $after, o.reason = $reason, o.decided_at = $now, o.decided_by = $user
RETURN o.id AS id ORDER BY id

// graph.queries.claims.CONTRACT_IN_FORCE_BETWEEN -> claims_contract_in_force_between
MATCH (party:`Entity` {id: $community}), (x:`Unit`|`PartyOrg` {id: $provider})
WITH party, x, [x] + CASE WHEN x:`Unit` THEN [holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(x)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> x }) | holder_org] ELSE [holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*1..4]->(x)
  WHERE none(holder_node IN nodes(holder_path)[..-1] WHERE EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE NOT EXISTS { (x)-[:`BELONGS_TO`]->(holder_other) } }) | holder_org] END AS holders
MATCH (party)-[:`PARTY_TO`]->(k:`Contract`)<-[:`PARTY_TO`]-(h)
WHERE h IN holders AND (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $start)) AND k.signed <= $start AND (k.expires IS NULL OR k.expires >= $start)
RETURN k.id AS id ORDER BY k.signed DESC, k.id LIMIT 1

// graph.queries.claims.CREATE_CLAIM -> claims_create
MATCH (n:`Entity` {id: $item})
MATCH (x:`Unit`|`PartyOrg` {id: $claimant})
CREATE (c:`Claim` {id: $claim, status: 'pending', plan: $plan, start: $start, end: $end,
                     created_at: $now, created_by: $user})
CREATE (c)-[:`CLAIMS`]->(n), (c)-[:`CLAIMED_BY`]->(x)
CREATE (:`ClaimStep` {id: randomUUID(), at: $now, by: $user, action: $action, before: null, after: $after, reason: $reason})-[:`STEP_OF`]->(c)
RETURN c.id AS id

// graph.queries.claims.CREATE_CONTRACT -> claims_create_contract
MATCH (party:`Entity` {id: $community}), (x:`Unit`|`PartyOrg` {id: $provider})
CREATE (k:`Contract`:`Entity` {id: $contract, name: $title, title: $title, status: $status,
                                  signed: $signed, expires: $expires, created_by: $user, created_at: $now,
                                  app_state_at: $now})
CREATE (party)-[:`PARTY_TO`]->(k), (x)-[:`PARTY_TO`]->(k)
RETURN k.id AS id

// graph.queries.claims.CREATE_PROJECT -> claims_create_project
MATCH (c:`Claim` {id: $claim})-[:`CLAIMS`]->(n)
MATCH (k:`Contract` {id: $contract}), (x:`Unit`|`PartyOrg` {id: $provider})
CREATE (j:`Project`:`Entity` {id: $project, name: n.title, title: n.title, status: 'planned',
                                 start: c.start, end: c.end, created_by: $user, created_at: $now,
                                 app_state_at: $now})
CREATE (j)-[:`UNDER`]->(k), (j)-[:`DELIVERED_BY`]->(x), (c)-[:`BECAME`]->(j)
FOREACH (_ IN CASE WHEN n:`Need` THEN [1] ELSE [] END |
  SET n.status = 'claimed', n.app_state_at = $now CREATE (j)-[:`MEETS`]->(n))
FOREACH (_ IN CASE WHEN n:`Resource` THEN [1] ELSE [] END | CREATE (j)-[:`USES`]->(n))
RETURN j.id AS id

// graph.queries.claims.DECIDE -> claims_decide
MATCH (c:`Claim` {id: $claim})
CREATE (:`ClaimStep` {id: randomUUID(), at: $now, by: $user, action: $action, before: c.status, after: $after, reason: $reason})-[:`STEP_OF`]->(c)
SET c.status = $after, c.reason = $reason, c.decided_at = $now, c.decided_by = $user
RETURN c.id AS id

// graph.queries.claims.HALL_ITEMS -> claims_hall
CALL () {
  MATCH (n:`Need` {status: 'open'}) WHERE $kind IS NULL OR $kind = 'need' RETURN n
  UNION
  MATCH (n:`Resource`) WHERE ($kind IS NULL OR $kind = 'resource')
    AND EXISTS { (n)-[:`OFFERED_BY`]->(:`Unit`|`PartyOrg`) }
  RETURN n
}
WITH n WHERE ($category IS NULL OR n.category = $category) AND ($scope IS NULL OR EXISTS {

    CALL (n) {
      WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
      UNION
      MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })
MATCH (n)-[:`RAISED_BY`|`OFFERED_BY`]->(owner)
WITH n, head(collect(owner)) AS owner

CALL (owner) {
  WITH [owner] AS holder_list

CALL (holder_list) {
  UNWIND holder_list AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS holder_unit
  RETURN holder_unit
}

  RETURN collect(DISTINCT holder_unit) AS owner_units
}


WITH *, head(CASE WHEN owner:`Area` THEN [owner]
                  WHEN owner:`Unit` THEN [(owner)-[:`LOCATED_IN`]->(place_area:`Area`) | place_area]
                  ELSE [(owner)-[:`BASED_IN`]->(place_area:`Area`) | place_area]
                     + [place_unit IN owner_units WHERE EXISTS { (place_unit)-[:`LOCATED_IN`]->(:`Area`) }
                        | head([(place_unit)-[:`LOCATED_IN`]->(place_area:`Area`) | place_area])] END) AS loc

RETURN CASE WHEN n:`Need` THEN 'need' ELSE 'resource' END AS kind, n.id AS id, coalesce(n.title, n.name) AS title, n.category AS category,
       owner.id AS owner, owner.name AS owner_name, loc.name AS place,
       [v IN owner_units | v.id] AS owner_units,
       COUNT { (c:`Claim` {status: 'pending'})-[:`CLAIMS`]->(n) } AS pending,
       EXISTS { MATCH (c:`Claim` {status: 'pending'})-[:`CLAIMS`]->(n), (c)-[:`CLAIMED_BY`]->(x)
                 WHERE c.created_by = $user OR ($unit IS NOT NULL AND any(unit_side IN [x] + [(x)-[:`RAISED_BY`|`OFFERED_BY`]->(unit_owner)
    | unit_owner] WHERE (unit_side:`Unit` AND unit_side.id = $unit)
       OR EXISTS { (unit_side)-[:`BELONGS_TO`]->(:`Unit` {id: $unit}) })) } AS mine
ORDER BY id
LIMIT $limit

// graph.queries.claims.ITEM_CLAIMS -> claims_of_item
MATCH (n:`Entity` {id: $item}) WHERE (n:`Need` OR n:`Resource`) AND ($scope IS NULL OR EXISTS {

    CALL (n) {
      WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
      UNION
      MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })
OPTIONAL MATCH (c:`Claim`)-[:`CLAIMS`]->(n)
OPTIONAL MATCH (c)-[:`CLAIMED_BY`]->(x)
WITH n, c, x ORDER BY c.created_at DESC, c.id LIMIT $limit
RETURN n.id AS item, [row IN collect(CASE WHEN c IS NULL THEN null ELSE
         {id: c.id, status: c.status, start: c.start, end: c.end, claimant: x.id,
          claimant_name: x.name, created_at: c.created_at} END) WHERE row IS NOT NULL] AS claims

// graph.queries.claims.ITEM_STATE -> claims_item_state
MATCH (n:`Entity` {id: $item})
OPTIONAL MATCH (n)-[:`RAISED_BY`|`OFFERED_BY`]->(owner)
RETURN CASE WHEN n:`Need` THEN 'need' ELSE 'resource' END AS kind, n.status AS status, collect(owner.id) AS owners

// graph.queries.claims.LOCK_CLAIM_AS_CLAIMANT -> claims_lock_claim_as_claimant
MATCH (c:`Claim` {id: $claim})-[:`CLAIMS`]->(n), (c)-[:`CLAIMED_BY`]->(x)
WHERE (CASE WHEN $unit IS NULL THEN ($scope IS NULL OR EXISTS {

    CALL (x) {
      WITH x WHERE x:`Area` OR x:`Unit` OR x:`PartyOrg` OR x:`Alliance` RETURN x AS scope_base
      UNION
      MATCH (x:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) ELSE ($unit IS NOT NULL AND any(unit_side IN [x] + [(x)-[:`RAISED_BY`|`OFFERED_BY`]->(unit_owner)
    | unit_owner] WHERE (unit_side:`Unit` AND unit_side.id = $unit)
       OR EXISTS { (unit_side)-[:`BELONGS_TO`]->(:`Unit` {id: $unit}) })) END)
SET n.step_lock = true REMOVE n.step_lock
RETURN n.id AS id

// graph.queries.claims.LOCK_CLAIM_AS_OWNER -> claims_lock_claim_as_owner
MATCH (c:`Claim` {id: $claim})-[:`CLAIMS`]->(n) WHERE (CASE WHEN $unit IS NULL THEN ($scope IS NULL OR EXISTS {

    CALL (n) {
      WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
      UNION
      MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) ELSE ($unit IS NOT NULL AND any(unit_side IN [n] + [(n)-[:`RAISED_BY`|`OFFERED_BY`]->(unit_owner)
    | unit_owner] WHERE (unit_side:`Unit` AND unit_side.id = $unit)
       OR EXISTS { (unit_side)-[:`BELONGS_TO`]->(:`Unit` {id: $unit}) })) END)
SET n.step_lock = true REMOVE n.step_lock
RETURN n.id AS id

// graph.queries.claims.LOCK_ITEM -> claims_lock_item
MATCH (n:`Entity` {id: $item}) WHERE (n:`Need` OR n:`Resource`) AND ($scope IS NULL OR EXISTS {

    CALL (n) {
      WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
      UNION
      MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })
SET n.step_lock = true REMOVE n.step_lock
RETURN n.id AS id

// graph.queries.claims.MY_CLAIMS -> claims_mine
MATCH (c:`Claim`)-[:`CLAIMS`]->(n), (c)-[:`CLAIMED_BY`]->(x)
WHERE ($status IS NULL OR c.status = $status)
  AND (($side = 'made' AND (CASE WHEN $unit IS NULL THEN ($scope IS NULL OR EXISTS {

    CALL (x) {
      WITH x WHERE x:`Area` OR x:`Unit` OR x:`PartyOrg` OR x:`Alliance` RETURN x AS scope_base
      UNION
      MATCH (x:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) ELSE ($unit IS NOT NULL AND any(unit_side IN [x] + [(x)-[:`RAISED_BY`|`OFFERED_BY`]->(unit_owner)
    | unit_owner] WHERE (unit_side:`Unit` AND unit_side.id = $unit)
       OR EXISTS { (unit_side)-[:`BELONGS_TO`]->(:`Unit` {id: $unit}) })) END)) OR ($side = 'received' AND (CASE WHEN $unit IS NULL THEN ($scope IS NULL OR EXISTS {

    CALL (n) {
      WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
      UNION
      MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) ELSE ($unit IS NOT NULL AND any(unit_side IN [n] + [(n)-[:`RAISED_BY`|`OFFERED_BY`]->(unit_owner)
    | unit_owner] WHERE (unit_side:`Unit` AND unit_side.id = $unit)
       OR EXISTS { (unit_side)-[:`BELONGS_TO`]->(:`Unit` {id: $unit}) })) END)))
WITH c, n, x ORDER BY c.created_at DESC, c.id LIMIT $limit
OPTIONAL MATCH (n)-[:`RAISED_BY`|`OFFERED_BY`]->(owner)
WITH c, n, x, head(collect(owner)) AS owner
OPTIONAL MATCH (c)-[:`BECAME`]->(j:`Project`)
RETURN c.id AS id, c.status AS status, CASE WHEN n:`Need` THEN 'need' ELSE 'resource' END AS kind, n.id AS item, n.title AS item_title,
       n.category AS category, owner.id AS owner, owner.name AS owner_name, x.id AS claimant,
       x.name AS claimant_name, c.plan AS plan, c.start AS start, c.end AS end,
       c.created_at AS created_at, c.decided_at AS decided_at, c.reason AS reason, j.id AS project
ORDER BY created_at DESC, id

// graph.queries.claims.OFFER_RESOURCE -> claims_offer_resource
MATCH (x:`Unit`|`PartyOrg` {id: $provider}) WHERE (CASE WHEN $unit IS NULL THEN ($scope IS NULL OR EXISTS {

    CALL (x) {
      WITH x WHERE x:`Area` OR x:`Unit` OR x:`PartyOrg` OR x:`Alliance` RETURN x AS scope_base
      UNION
      MATCH (x:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) ELSE ($unit IS NOT NULL AND any(unit_side IN [x] + [(x)-[:`RAISED_BY`|`OFFERED_BY`]->(unit_owner)
    | unit_owner] WHERE (unit_side:`Unit` AND unit_side.id = $unit)
       OR EXISTS { (unit_side)-[:`BELONGS_TO`]->(:`Unit` {id: $unit}) })) END)
CREATE (r:`Resource`:`Entity` {id: $resource, name: $title, title: $title, category: $category,
                                  created_by: $user, created_at: $now})
CREATE (r)-[:`OFFERED_BY`]->(x)
RETURN r.id AS id

// graph.queries.claims.RAISE_NEED -> claims_raise_need
MATCH (x:`Area`|`PartyOrg` {id: $raiser}) WHERE (CASE WHEN $unit IS NULL THEN ($scope IS NULL OR EXISTS {

    CALL (x) {
      WITH x WHERE x:`Area` OR x:`Unit` OR x:`PartyOrg` OR x:`Alliance` RETURN x AS scope_base
      UNION
      MATCH (x:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) ELSE ($unit IS NOT NULL AND any(unit_side IN [x] + [(x)-[:`RAISED_BY`|`OFFERED_BY`]->(unit_owner)
    | unit_owner] WHERE (unit_side:`Unit` AND unit_side.id = $unit)
       OR EXISTS { (unit_side)-[:`BELONGS_TO`]->(:`Unit` {id: $unit}) })) END)
CREATE (n:`Need`:`Entity` {id: $need, name: $title, title: $title, category: $category, status: 'open',
                              raised_on: date($now), created_by: $user, created_at: $now})
CREATE (n)-[:`RAISED_BY`]->(x)
RETURN n.id AS id

// graph.queries.claims.UNIT_HOME -> claims_unit_home
MATCH (u:`Unit` {id: $unit})
OPTIONAL MATCH (u)-[:`LOCATED_IN`]->(loc:`Area`)

WITH *, [(loc)-[:`PART_OF`*0..4]->(chain_area:`Area`) | chain_area] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district

RETURN u.id AS id, u.name AS name, loc.id AS area, loc.name AS area_name, street.id AS street,
       street.name AS street_name, district.id AS district, district.name AS district_name
LIMIT 1

// graph.queries.data_version.BUMP_DATA_VERSION -> bump_data_version
MERGE (m:`SchemaMeta` {id: 'schema'})
SET m.data_version = coalesce(m.data_version, 0) + 1,
    m.data_epoch = coalesce(m.data_epoch, randomUUID())

// graph.queries.data_version.GET_DATA_VERSION -> get_data_version
MATCH (m:`SchemaMeta` {id: 'schema'})
RETURN m.data_epoch AS epoch, coalesce(m.data_version, 0) AS version

// graph.queries.entities.AREA_PATHS -> area_paths
UNWIND $ids AS entity_id
MATCH (n:`Entity` {id: entity_id})
CALL (n) {
  CALL (n) {
    WITH n WHERE n:`Area`
    RETURN n AS anchor, 0 AS preference
    UNION
    MATCH (n)-[:`LOCATED_IN`|`BASED_IN`|`HOSTED_BY`]->(anchor:`Area`)
    RETURN anchor, 1 AS preference
    UNION
    MATCH (n:`PartyOrg`)-[:`BELONGS_TO`]->(:`Unit`)
          -[:`LOCATED_IN`]->(anchor:`Area`)
    RETURN anchor, 2 AS preference
  }
  MATCH p = (anchor)-[:`PART_OF`*0..4]->(top:`Area`)
  WHERE NOT (top)-[:`PART_OF`]->()
  RETURN [a IN reverse(nodes(p)) | a {.id, .name, .level}] AS path
  ORDER BY preference, length(p) DESC
  LIMIT 1
}
RETURN entity_id AS id, path

// graph.queries.entities.GET_ENTITY -> get_entity
MATCH (n:`Entity` {id: $id})
  WHERE ($scope IS NULL OR EXISTS {

  CALL (n) {
    WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
    UNION
    MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
  RETURN n {.*} AS props, labels(n) AS labels, {`PART_OF`: COUNT { (n)-[:`PART_OF`]-() }, `LOCATED_IN`: COUNT { (n)-[:`LOCATED_IN`]-() }, `REPORTS_TO`: COUNT { (n)-[:`REPORTS_TO`]-() }, `BELONGS_TO`: COUNT { (n)-[:`BELONGS_TO`]-() }, `BASED_IN`: COUNT { (n)-[:`BASED_IN`]-() }, `HOSTED_BY`: COUNT { (n)-[:`HOSTED_BY`]-() }, `LEADS`: COUNT { (n)-[:`LEADS`]-() }, `MEMBER_OF`: COUNT { (n)-[:`MEMBER_OF`]-() }, `WORKS_AT`: COUNT { (n)-[:`WORKS_AT`]-() }, `SEATED_ON`: COUNT { (n)-[:`SEATED_ON`]-() }, `PARTY_TO`: COUNT { (n)-[:`PARTY_TO`]-() }, `RAISED_BY`: COUNT { (n)-[:`RAISED_BY`]-() }, `OFFERED_BY`: COUNT { (n)-[:`OFFERED_BY`]-() }, `UNDER`: COUNT { (n)-[:`UNDER`]-() }, `MEETS`: COUNT { (n)-[:`MEETS`]-() }, `USES`: COUNT { (n)-[:`USES`]-() }, `DELIVERED_BY`: COUNT { (n)-[:`DELIVERED_BY`]-() }, `CLAIMS`: COUNT { (n)-[:`CLAIMS`]-() }, `CLAIMED_BY`: COUNT { (n)-[:`CLAIMED_BY`]-() }, `BECAME`: COUNT { (n)-[:`BECAME`]-() }, `STEP_OF`: COUNT { (n)-[:`STEP_OF`]-() }, `RENEWS`: COUNT { (n)-[:`RENEWS`]-() }} AS ties

// graph.queries.entities.GET_ENTITY_SCOPED -> get_entity_scoped
MATCH (n:`Entity` {id: $id})
  WHERE ($scope IS NULL OR EXISTS {

  CALL (n) {
    WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
    UNION
    MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
  CALL (n) {
    OPTIONAL MATCH (n)-[r]-(m:`Entity`)
    WHERE ($scope IS NULL OR EXISTS {

  CALL (m) {
    WITH m WHERE m:`Area` OR m:`Unit` OR m:`PartyOrg` OR m:`Alliance` RETURN m AS scope_base
    UNION
    MATCH (m:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (m:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (m:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (m:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (m:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (m:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
    WITH type(r) AS kind, count(r) AS k
    WHERE kind IS NOT NULL
    RETURN collect([kind, k]) AS tie_counts
  }
  RETURN n {.*} AS props, labels(n) AS labels, tie_counts

// graph.queries.gaps.AREA_GAP_QUERIES[alliance_without_contract] -> area_gaps_alliance_without_contract
CALL () {


MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (loc:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT loc

  MATCH (al:`Alliance`)-[:`HOSTED_BY`]->(loc)
  CALL (al) {
    OPTIONAL MATCH (m)-[:`MEMBER_OF`]->(al)
    WITH m WHERE m IS NOT NULL
    WITH [m] + CASE WHEN m:`Unit` THEN [holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(m)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> m }) | holder_org] ELSE [holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*1..4]->(m)
  WHERE none(holder_node IN nodes(holder_path)[..-1] WHERE EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE NOT EXISTS { (m)-[:`BELONGS_TO`]->(holder_other) } }) | holder_org] END AS holders
    RETURN count(*) AS members,
           sum(CASE WHEN any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) }) THEN 1 ELSE 0 END) AS holding
  }
  WITH al, loc, members WHERE holding = 0
  RETURN 'alliance_without_contract' AS kind, loc, al.id AS id, al.name AS name,
         members, null AS parties, null AS expires

    }
    WITH kind, loc, id, name, members, parties, expires

WITH *, [(loc)-[:`PART_OF`*0..4]->(chain_area:`Area`) | chain_area] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district

    RETURN kind, id, name, loc.level AS level, community.name AS community, street.name AS street,
           district.name AS district, members, parties, expires
    ORDER BY id
    LIMIT 50000

// graph.queries.gaps.AREA_GAP_QUERIES[community_without_big_committee] -> area_gaps_community_without_big_committee
CALL () {


MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (loc:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT loc

  WITH loc WHERE loc.level = 'community' AND NOT EXISTS {
    (p:`Person`)-[s:`SEATED_ON`]->(:`PartyOrg`)-[:`BASED_IN`]->(loc)
    WHERE s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)
  }
  RETURN 'community_without_big_committee' AS kind, loc, loc.id AS id, loc.name AS name,
         null AS members, null AS parties, null AS expires

    }
    WITH kind, loc, id, name, members, parties, expires

WITH *, [(loc)-[:`PART_OF`*0..4]->(chain_area:`Area`) | chain_area] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district

    RETURN kind, id, name, loc.level AS level, community.name AS community, street.name AS street,
           district.name AS district, members, parties, expires
    ORDER BY id
    LIMIT 50000

// graph.queries.gaps.AREA_GAP_QUERIES[community_without_contract] -> area_gaps_community_without_contract
CALL () {


MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (loc:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT loc

  WITH loc WHERE loc.level = 'community' AND NOT EXISTS {
    (o:`PartyOrg`)-[:`BASED_IN`]->(loc)
    WHERE EXISTS { (o)-[:`PARTY_TO`]->(k:`Contract`) WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of) }
  }
  RETURN 'community_without_contract' AS kind, loc, loc.id AS id, loc.name AS name,
         null AS members, null AS parties, null AS expires

    }
    WITH kind, loc, id, name, members, parties, expires

WITH *, [(loc)-[:`PART_OF`*0..4]->(chain_area:`Area`) | chain_area] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district

    RETURN kind, id, name, loc.level AS level, community.name AS community, street.name AS street,
           district.name AS district, members, parties, expires
    ORDER BY id
    LIMIT 50000

// graph.queries.gaps.AREA_GAP_QUERIES[contract_expiring] -> area_gaps_contract_expiring
CALL () {


MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (loc:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT loc

  CALL (loc) {
    MATCH (o:`PartyOrg`)-[:`BASED_IN`]->(loc) RETURN o AS party
    UNION
    MATCH (party:`Unit`)-[:`LOCATED_IN`]->(loc) RETURN party
    UNION
    MATCH (held:`Unit`)-[:`LOCATED_IN`]->(loc)
    MATCH held_path = (party:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(held)
  WHERE all(holder_node IN nodes(held_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> held })
    RETURN party
  }
  MATCH (party)-[:`PARTY_TO`]->(k:`Contract`)
  WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of) AND k.expires <= $as_of + duration({days: $within_days})
  WITH k, min(loc.id) AS first_loc_id
  MATCH (loc:`Area` {id: first_loc_id})
  WITH k, loc, [(p)-[:`PARTY_TO`]->(k) | p.name] AS parties
  RETURN 'contract_expiring' AS kind, loc, k.id AS id, coalesce(k.title, k.name) AS name,
         null AS members, parties, k.expires AS expires

    }
    WITH kind, loc, id, name, members, parties, expires

WITH *, [(loc)-[:`PART_OF`*0..4]->(chain_area:`Area`) | chain_area] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district

    RETURN kind, id, name, loc.level AS level, community.name AS community, street.name AS street,
           district.name AS district, members, parties, expires
    ORDER BY id
    LIMIT 50000

// graph.queries.gaps.AREA_GAP_QUERIES[grid_without_branch] -> area_gaps_grid_without_branch
CALL () {


MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (loc:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT loc

  WITH loc WHERE loc.level = 'grid' AND NOT EXISTS { (:`PartyOrg` {type: 'branch'})-[:`BASED_IN`]->(loc) }
  RETURN 'grid_without_branch' AS kind, loc, loc.id AS id, loc.name AS name,
         null AS members, null AS parties, null AS expires

    }
    WITH kind, loc, id, name, members, parties, expires

WITH *, [(loc)-[:`PART_OF`*0..4]->(chain_area:`Area`) | chain_area] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district

    RETURN kind, id, name, loc.level AS level, community.name AS community, street.name AS street,
           district.name AS district, members, parties, expires
    ORDER BY id
    LIMIT 50000

// graph.queries.gaps.AREA_GAP_QUERIES[street_without_alliance] -> area_gaps_street_without_alliance
CALL () {


MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (loc:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT loc

  WITH loc WHERE loc.level = 'street'
    AND NOT EXISTS { (:`Alliance`)-[:`HOSTED_BY`]->(loc) }
  RETURN 'street_without_alliance' AS kind, loc, loc.id AS id, loc.name AS name,
         null AS members, null AS parties, null AS expires

    }
    WITH kind, loc, id, name, members, parties, expires

WITH *, [(loc)-[:`PART_OF`*0..4]->(chain_area:`Area`) | chain_area] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district

    RETURN kind, id, name, loc.level AS level, community.name AS community, street.name AS street,
           district.name AS district, members, parties, expires
    ORDER BY id
    LIMIT 50000

// graph.queries.gaps.UNIT_GAPS -> unit_gaps
MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (u:`Unit`)-[:`LOCATED_IN`]->(:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT u

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

WITH u, holders
WHERE CASE $by
        WHEN 'contract' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) })
        WHEN 'alliance' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) })
        WHEN 'committee' THEN NOT EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }
        ELSE NOT (any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) }) OR any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) }) OR EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }) END

    WITH u.id AS id, u.id AS key
    ORDER BY key ASC, id ASC
    WITH count(*) AS total, collect(id) AS ids
    RETURN total, ids[$skip..$skip + $limit] AS ids

// graph.queries.gaps.UNIT_GAPS_BY_LINKS -> unit_gaps_by_links
CALL () {
  WITH 1 AS one WHERE $by IN ['contract', 'any']
  MATCH (k:`Contract`) WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of)
  MATCH (o)-[:`PARTY_TO`]->(k)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['alliance', 'any']
  MATCH (o)-[:`MEMBER_OF`]->(:`Alliance`)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['committee', 'any']
  MATCH (p:`Person`)-[s:`SEATED_ON`]->() WHERE s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)
  WITH DISTINCT p
  MATCH (p)-[:`WORKS_AT`]->(u:`Unit`)
  RETURN u
}
WITH collect(u) AS linked

CALL () {
  MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
  RETURN collect(a) AS areas
}

    CALL (linked, areas) {
      MATCH (u:`Unit`) WHERE NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas }
      RETURN count(*) AS total
    }
    RETURN total, COLLECT {
      MATCH (u:`Unit`) WHERE u.id IS NOT NULL AND NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas }
      RETURN u.id AS id ORDER BY u.id ASC, id ASC SKIP $skip LIMIT $limit
    } AS ids

// graph.queries.gaps.UNIT_LINKS -> unit_links
UNWIND $ids AS id
    MATCH (u:`Unit` {id: id})-[:`LOCATED_IN`]->(loc:`Area`) WHERE EXISTS { MATCH (loc)-[:`PART_OF`*0..4]->(root:`Area`) WHERE root.id IN $roots }
    WITH DISTINCT u

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}
WITH *, any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) }) AS by_contract,
  any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) }) AS by_alliance,
  EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  } AS by_committee

    RETURN u.id AS id, [k IN [['contract', by_contract], ['alliance', by_alliance], ['committee', by_committee]] WHERE k[1] | k[0]] AS links
    LIMIT 20000

// graph.queries.gaps.UNIT_ROWS -> unit_rows
UNWIND $ids AS id
    MATCH (u:`Unit` {id: id})

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}
WITH *, any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) }) AS by_contract,
  any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) }) AS by_alliance,
  EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  } AS by_committee

    WITH u, by_contract, by_alliance, by_committee, head([(u)-[:`LOCATED_IN`]->(a:`Area`) | a]) AS loc

WITH *, [(loc)-[:`PART_OF`*0..4]->(chain_area:`Area`) | chain_area] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district

    RETURN u.id AS id, u.name AS name, u.kind AS kind, community.name AS community,
           street.name AS street, district.name AS district, [k IN [['contract', by_contract], ['alliance', by_alliance], ['committee', by_committee]] WHERE k[1] | k[0]] AS links

// graph.queries.gaps.unit_gaps_by_links_query(sort=<GapSort.ID: 'id'>, descending=False, filtered=True) -> unit_gaps_by_links_filtered
CALL () {
  WITH 1 AS one WHERE $by IN ['contract', 'any']
  MATCH (k:`Contract`) WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of)
  MATCH (o)-[:`PARTY_TO`]->(k)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['alliance', 'any']
  MATCH (o)-[:`MEMBER_OF`]->(:`Alliance`)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['committee', 'any']
  MATCH (p:`Person`)-[s:`SEATED_ON`]->() WHERE s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)
  WITH DISTINCT p
  MATCH (p)-[:`WORKS_AT`]->(u:`Unit`)
  RETURN u
}
WITH collect(u) AS linked

CALL () {
  MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
  RETURN collect(a) AS areas
}

    CALL (linked, areas) {
      MATCH (u:`Unit`) WHERE NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas } AND ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)
      RETURN count(*) AS total
    }
    RETURN total, COLLECT {
      MATCH (u:`Unit`) WHERE u.id IS NOT NULL AND NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas } AND ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)
      RETURN u.id AS id ORDER BY u.id ASC, id ASC SKIP $skip LIMIT $limit
    } AS ids

// graph.queries.gaps.unit_gaps_by_links_query(sort=<GapSort.ID: 'id'>, descending=True, filtered=False) -> unit_gaps_by_links_by_id_desc
CALL () {
  WITH 1 AS one WHERE $by IN ['contract', 'any']
  MATCH (k:`Contract`) WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of)
  MATCH (o)-[:`PARTY_TO`]->(k)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['alliance', 'any']
  MATCH (o)-[:`MEMBER_OF`]->(:`Alliance`)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['committee', 'any']
  MATCH (p:`Person`)-[s:`SEATED_ON`]->() WHERE s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)
  WITH DISTINCT p
  MATCH (p)-[:`WORKS_AT`]->(u:`Unit`)
  RETURN u
}
WITH collect(u) AS linked

CALL () {
  MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
  RETURN collect(a) AS areas
}

    CALL (linked, areas) {
      MATCH (u:`Unit`) WHERE NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas }
      RETURN count(*) AS total
    }
    RETURN total, COLLECT {
      MATCH (u:`Unit`) WHERE u.id IS NOT NULL AND NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas }
      RETURN u.id AS id ORDER BY u.id DESC, id DESC SKIP $skip LIMIT $limit
    } AS ids

// graph.queries.gaps.unit_gaps_by_links_query(sort=<GapSort.ID: 'id'>, descending=True, filtered=True) -> unit_gaps_by_links_filtered_by_id_desc
CALL () {
  WITH 1 AS one WHERE $by IN ['contract', 'any']
  MATCH (k:`Contract`) WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of)
  MATCH (o)-[:`PARTY_TO`]->(k)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['alliance', 'any']
  MATCH (o)-[:`MEMBER_OF`]->(:`Alliance`)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['committee', 'any']
  MATCH (p:`Person`)-[s:`SEATED_ON`]->() WHERE s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)
  WITH DISTINCT p
  MATCH (p)-[:`WORKS_AT`]->(u:`Unit`)
  RETURN u
}
WITH collect(u) AS linked

CALL () {
  MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
  RETURN collect(a) AS areas
}

    CALL (linked, areas) {
      MATCH (u:`Unit`) WHERE NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas } AND ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)
      RETURN count(*) AS total
    }
    RETURN total, COLLECT {
      MATCH (u:`Unit`) WHERE u.id IS NOT NULL AND NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas } AND ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)
      RETURN u.id AS id ORDER BY u.id DESC, id DESC SKIP $skip LIMIT $limit
    } AS ids

// graph.queries.gaps.unit_gaps_by_links_query(sort=<GapSort.KIND: 'kind'>, descending=False, filtered=False) -> unit_gaps_by_links_by_kind
CALL () {
  WITH 1 AS one WHERE $by IN ['contract', 'any']
  MATCH (k:`Contract`) WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of)
  MATCH (o)-[:`PARTY_TO`]->(k)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['alliance', 'any']
  MATCH (o)-[:`MEMBER_OF`]->(:`Alliance`)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['committee', 'any']
  MATCH (p:`Person`)-[s:`SEATED_ON`]->() WHERE s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)
  WITH DISTINCT p
  MATCH (p)-[:`WORKS_AT`]->(u:`Unit`)
  RETURN u
}
WITH collect(u) AS linked

CALL () {
  MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
  RETURN collect(a) AS areas
}

    CALL (linked, areas) {
      MATCH (u:`Unit`) WHERE NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas }
      RETURN count(*) AS total
    }
    RETURN total, COLLECT {
      MATCH (u:`Unit`) WHERE u.id IS NOT NULL AND NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas }
      RETURN u.id AS id ORDER BY coalesce(u.kind, '') ASC, id ASC SKIP $skip LIMIT $limit
    } AS ids

// graph.queries.gaps.unit_gaps_by_links_query(sort=<GapSort.KIND: 'kind'>, descending=False, filtered=True) -> unit_gaps_by_links_filtered_by_kind
CALL () {
  WITH 1 AS one WHERE $by IN ['contract', 'any']
  MATCH (k:`Contract`) WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of)
  MATCH (o)-[:`PARTY_TO`]->(k)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['alliance', 'any']
  MATCH (o)-[:`MEMBER_OF`]->(:`Alliance`)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['committee', 'any']
  MATCH (p:`Person`)-[s:`SEATED_ON`]->() WHERE s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)
  WITH DISTINCT p
  MATCH (p)-[:`WORKS_AT`]->(u:`Unit`)
  RETURN u
}
WITH collect(u) AS linked

CALL () {
  MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
  RETURN collect(a) AS areas
}

    CALL (linked, areas) {
      MATCH (u:`Unit`) WHERE NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas } AND ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)
      RETURN count(*) AS total
    }
    RETURN total, COLLECT {
      MATCH (u:`Unit`) WHERE u.id IS NOT NULL AND NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas } AND ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)
      RETURN u.id AS id ORDER BY coalesce(u.kind, '') ASC, id ASC SKIP $skip LIMIT $limit
    } AS ids

// graph.queries.gaps.unit_gaps_by_links_query(sort=<GapSort.KIND: 'kind'>, descending=True, filtered=False) -> unit_gaps_by_links_by_kind_desc
CALL () {
  WITH 1 AS one WHERE $by IN ['contract', 'any']
  MATCH (k:`Contract`) WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of)
  MATCH (o)-[:`PARTY_TO`]->(k)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['alliance', 'any']
  MATCH (o)-[:`MEMBER_OF`]->(:`Alliance`)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['committee', 'any']
  MATCH (p:`Person`)-[s:`SEATED_ON`]->() WHERE s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)
  WITH DISTINCT p
  MATCH (p)-[:`WORKS_AT`]->(u:`Unit`)
  RETURN u
}
WITH collect(u) AS linked

CALL () {
  MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
  RETURN collect(a) AS areas
}

    CALL (linked, areas) {
      MATCH (u:`Unit`) WHERE NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas }
      RETURN count(*) AS total
    }
    RETURN total, COLLECT {
      MATCH (u:`Unit`) WHERE u.id IS NOT NULL AND NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas }
      RETURN u.id AS id ORDER BY coalesce(u.kind, '') DESC, id DESC SKIP $skip LIMIT $limit
    } AS ids

// graph.queries.gaps.unit_gaps_by_links_query(sort=<GapSort.KIND: 'kind'>, descending=True, filtered=True) -> unit_gaps_by_links_filtered_by_kind_desc
CALL () {
  WITH 1 AS one WHERE $by IN ['contract', 'any']
  MATCH (k:`Contract`) WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of)
  MATCH (o)-[:`PARTY_TO`]->(k)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['alliance', 'any']
  MATCH (o)-[:`MEMBER_OF`]->(:`Alliance`)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['committee', 'any']
  MATCH (p:`Person`)-[s:`SEATED_ON`]->() WHERE s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)
  WITH DISTINCT p
  MATCH (p)-[:`WORKS_AT`]->(u:`Unit`)
  RETURN u
}
WITH collect(u) AS linked

CALL () {
  MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
  RETURN collect(a) AS areas
}

    CALL (linked, areas) {
      MATCH (u:`Unit`) WHERE NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas } AND ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)
      RETURN count(*) AS total
    }
    RETURN total, COLLECT {
      MATCH (u:`Unit`) WHERE u.id IS NOT NULL AND NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas } AND ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)
      RETURN u.id AS id ORDER BY coalesce(u.kind, '') DESC, id DESC SKIP $skip LIMIT $limit
    } AS ids

// graph.queries.gaps.unit_gaps_by_links_query(sort=<GapSort.NAME: 'name'>, descending=False, filtered=False) -> unit_gaps_by_links_by_name
CALL () {
  WITH 1 AS one WHERE $by IN ['contract', 'any']
  MATCH (k:`Contract`) WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of)
  MATCH (o)-[:`PARTY_TO`]->(k)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['alliance', 'any']
  MATCH (o)-[:`MEMBER_OF`]->(:`Alliance`)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['committee', 'any']
  MATCH (p:`Person`)-[s:`SEATED_ON`]->() WHERE s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)
  WITH DISTINCT p
  MATCH (p)-[:`WORKS_AT`]->(u:`Unit`)
  RETURN u
}
WITH collect(u) AS linked

CALL () {
  MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
  RETURN collect(a) AS areas
}

    CALL (linked, areas) {
      MATCH (u:`Unit`) WHERE NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas }
      RETURN count(*) AS total
    }
    RETURN total, COLLECT {
      MATCH (u:`Unit`) WHERE u.id IS NOT NULL AND NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas }
      RETURN u.id AS id ORDER BY coalesce(u.name, '') ASC, id ASC SKIP $skip LIMIT $limit
    } AS ids

// graph.queries.gaps.unit_gaps_by_links_query(sort=<GapSort.NAME: 'name'>, descending=False, filtered=True) -> unit_gaps_by_links_filtered_by_name
CALL () {
  WITH 1 AS one WHERE $by IN ['contract', 'any']
  MATCH (k:`Contract`) WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of)
  MATCH (o)-[:`PARTY_TO`]->(k)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['alliance', 'any']
  MATCH (o)-[:`MEMBER_OF`]->(:`Alliance`)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['committee', 'any']
  MATCH (p:`Person`)-[s:`SEATED_ON`]->() WHERE s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)
  WITH DISTINCT p
  MATCH (p)-[:`WORKS_AT`]->(u:`Unit`)
  RETURN u
}
WITH collect(u) AS linked

CALL () {
  MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
  RETURN collect(a) AS areas
}

    CALL (linked, areas) {
      MATCH (u:`Unit`) WHERE NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas } AND ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)
      RETURN count(*) AS total
    }
    RETURN total, COLLECT {
      MATCH (u:`Unit`) WHERE u.id IS NOT NULL AND NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas } AND ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)
      RETURN u.id AS id ORDER BY coalesce(u.name, '') ASC, id ASC SKIP $skip LIMIT $limit
    } AS ids

// graph.queries.gaps.unit_gaps_by_links_query(sort=<GapSort.NAME: 'name'>, descending=True, filtered=False) -> unit_gaps_by_links_by_name_desc
CALL () {
  WITH 1 AS one WHERE $by IN ['contract', 'any']
  MATCH (k:`Contract`) WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of)
  MATCH (o)-[:`PARTY_TO`]->(k)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['alliance', 'any']
  MATCH (o)-[:`MEMBER_OF`]->(:`Alliance`)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['committee', 'any']
  MATCH (p:`Person`)-[s:`SEATED_ON`]->() WHERE s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)
  WITH DISTINCT p
  MATCH (p)-[:`WORKS_AT`]->(u:`Unit`)
  RETURN u
}
WITH collect(u) AS linked

CALL () {
  MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
  RETURN collect(a) AS areas
}

    CALL (linked, areas) {
      MATCH (u:`Unit`) WHERE NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas }
      RETURN count(*) AS total
    }
    RETURN total, COLLECT {
      MATCH (u:`Unit`) WHERE u.id IS NOT NULL AND NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas }
      RETURN u.id AS id ORDER BY coalesce(u.name, '') DESC, id DESC SKIP $skip LIMIT $limit
    } AS ids

// graph.queries.gaps.unit_gaps_by_links_query(sort=<GapSort.NAME: 'name'>, descending=True, filtered=True) -> unit_gaps_by_links_filtered_by_name_desc
CALL () {
  WITH 1 AS one WHERE $by IN ['contract', 'any']
  MATCH (k:`Contract`) WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of)
  MATCH (o)-[:`PARTY_TO`]->(k)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['alliance', 'any']
  MATCH (o)-[:`MEMBER_OF`]->(:`Alliance`)
  WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['committee', 'any']
  MATCH (p:`Person`)-[s:`SEATED_ON`]->() WHERE s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)
  WITH DISTINCT p
  MATCH (p)-[:`WORKS_AT`]->(u:`Unit`)
  RETURN u
}
WITH collect(u) AS linked

CALL () {
  MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
  RETURN collect(a) AS areas
}

    CALL (linked, areas) {
      MATCH (u:`Unit`) WHERE NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas } AND ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)
      RETURN count(*) AS total
    }
    RETURN total, COLLECT {
      MATCH (u:`Unit`) WHERE u.id IS NOT NULL AND NOT u IN linked AND EXISTS { (u)-[:`LOCATED_IN`]->(a) WHERE a IN areas } AND ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)
      RETURN u.id AS id ORDER BY coalesce(u.name, '') DESC, id DESC SKIP $skip LIMIT $limit
    } AS ids

// graph.queries.gaps.unit_gaps_query(sort=<GapSort.ID: 'id'>, descending=False, filtered=True) -> unit_gaps_filtered
MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (u:`Unit`)-[:`LOCATED_IN`]->(:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT u
WITH u WHERE ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

WITH u, holders
WHERE CASE $by
        WHEN 'contract' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) })
        WHEN 'alliance' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) })
        WHEN 'committee' THEN NOT EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }
        ELSE NOT (any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) }) OR any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) }) OR EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }) END

    WITH u.id AS id, u.id AS key
    ORDER BY key ASC, id ASC
    WITH count(*) AS total, collect(id) AS ids
    RETURN total, ids[$skip..$skip + $limit] AS ids

// graph.queries.gaps.unit_gaps_query(sort=<GapSort.ID: 'id'>, descending=True, filtered=False) -> unit_gaps_by_id_desc
MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (u:`Unit`)-[:`LOCATED_IN`]->(:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT u

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

WITH u, holders
WHERE CASE $by
        WHEN 'contract' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) })
        WHEN 'alliance' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) })
        WHEN 'committee' THEN NOT EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }
        ELSE NOT (any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) }) OR any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) }) OR EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }) END

    WITH u.id AS id, u.id AS key
    ORDER BY key DESC, id DESC
    WITH count(*) AS total, collect(id) AS ids
    RETURN total, ids[$skip..$skip + $limit] AS ids

// graph.queries.gaps.unit_gaps_query(sort=<GapSort.ID: 'id'>, descending=True, filtered=True) -> unit_gaps_filtered_by_id_desc
MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (u:`Unit`)-[:`LOCATED_IN`]->(:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT u
WITH u WHERE ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

WITH u, holders
WHERE CASE $by
        WHEN 'contract' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) })
        WHEN 'alliance' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) })
        WHEN 'committee' THEN NOT EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }
        ELSE NOT (any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) }) OR any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) }) OR EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }) END

    WITH u.id AS id, u.id AS key
    ORDER BY key DESC, id DESC
    WITH count(*) AS total, collect(id) AS ids
    RETURN total, ids[$skip..$skip + $limit] AS ids

// graph.queries.gaps.unit_gaps_query(sort=<GapSort.KIND: 'kind'>, descending=False, filtered=False) -> unit_gaps_by_kind
MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (u:`Unit`)-[:`LOCATED_IN`]->(:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT u

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

WITH u, holders
WHERE CASE $by
        WHEN 'contract' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) })
        WHEN 'alliance' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) })
        WHEN 'committee' THEN NOT EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }
        ELSE NOT (any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) }) OR any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) }) OR EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }) END

    WITH u.id AS id, coalesce(u.kind, '') AS key
    ORDER BY key ASC, id ASC
    WITH count(*) AS total, collect(id) AS ids
    RETURN total, ids[$skip..$skip + $limit] AS ids

// graph.queries.gaps.unit_gaps_query(sort=<GapSort.KIND: 'kind'>, descending=False, filtered=True) -> unit_gaps_filtered_by_kind
MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (u:`Unit`)-[:`LOCATED_IN`]->(:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT u
WITH u WHERE ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

WITH u, holders
WHERE CASE $by
        WHEN 'contract' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) })
        WHEN 'alliance' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) })
        WHEN 'committee' THEN NOT EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }
        ELSE NOT (any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) }) OR any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) }) OR EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }) END

    WITH u.id AS id, coalesce(u.kind, '') AS key
    ORDER BY key ASC, id ASC
    WITH count(*) AS total, collect(id) AS ids
    RETURN total, ids[$skip..$skip + $limit] AS ids

// graph.queries.gaps.unit_gaps_query(sort=<GapSort.KIND: 'kind'>, descending=True, filtered=False) -> unit_gaps_by_kind_desc
MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (u:`Unit`)-[:`LOCATED_IN`]->(:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT u

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

WITH u, holders
WHERE CASE $by
        WHEN 'contract' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) })
        WHEN 'alliance' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) })
        WHEN 'committee' THEN NOT EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }
        ELSE NOT (any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) }) OR any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) }) OR EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }) END

    WITH u.id AS id, coalesce(u.kind, '') AS key
    ORDER BY key DESC, id DESC
    WITH count(*) AS total, collect(id) AS ids
    RETURN total, ids[$skip..$skip + $limit] AS ids

// graph.queries.gaps.unit_gaps_query(sort=<GapSort.KIND: 'kind'>, descending=True, filtered=True) -> unit_gaps_filtered_by_kind_desc
MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (u:`Unit`)-[:`LOCATED_IN`]->(:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT u
WITH u WHERE ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

WITH u, holders
WHERE CASE $by
        WHEN 'contract' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) })
        WHEN 'alliance' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) })
        WHEN 'committee' THEN NOT EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }
        ELSE NOT (any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) }) OR any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) }) OR EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }) END

    WITH u.id AS id, coalesce(u.kind, '') AS key
    ORDER BY key DESC, id DESC
    WITH count(*) AS total, collect(id) AS ids
    RETURN total, ids[$skip..$skip + $limit] AS ids

// graph.queries.gaps.unit_gaps_query(sort=<GapSort.NAME: 'name'>, descending=False, filtered=False) -> unit_gaps_by_name
MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (u:`Unit`)-[:`LOCATED_IN`]->(:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT u

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

WITH u, holders
WHERE CASE $by
        WHEN 'contract' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) })
        WHEN 'alliance' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) })
        WHEN 'committee' THEN NOT EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }
        ELSE NOT (any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) }) OR any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) }) OR EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }) END

    WITH u.id AS id, coalesce(u.name, '') AS key
    ORDER BY key ASC, id ASC
    WITH count(*) AS total, collect(id) AS ids
    RETURN total, ids[$skip..$skip + $limit] AS ids

// graph.queries.gaps.unit_gaps_query(sort=<GapSort.NAME: 'name'>, descending=False, filtered=True) -> unit_gaps_filtered_by_name
MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (u:`Unit`)-[:`LOCATED_IN`]->(:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT u
WITH u WHERE ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

WITH u, holders
WHERE CASE $by
        WHEN 'contract' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) })
        WHEN 'alliance' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) })
        WHEN 'committee' THEN NOT EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }
        ELSE NOT (any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) }) OR any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) }) OR EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }) END

    WITH u.id AS id, coalesce(u.name, '') AS key
    ORDER BY key ASC, id ASC
    WITH count(*) AS total, collect(id) AS ids
    RETURN total, ids[$skip..$skip + $limit] AS ids

// graph.queries.gaps.unit_gaps_query(sort=<GapSort.NAME: 'name'>, descending=True, filtered=False) -> unit_gaps_by_name_desc
MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (u:`Unit`)-[:`LOCATED_IN`]->(:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT u

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

WITH u, holders
WHERE CASE $by
        WHEN 'contract' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) })
        WHEN 'alliance' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) })
        WHEN 'committee' THEN NOT EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }
        ELSE NOT (any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) }) OR any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) }) OR EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }) END

    WITH u.id AS id, coalesce(u.name, '') AS key
    ORDER BY key DESC, id DESC
    WITH count(*) AS total, collect(id) AS ids
    RETURN total, ids[$skip..$skip + $limit] AS ids

// graph.queries.gaps.unit_gaps_query(sort=<GapSort.NAME: 'name'>, descending=True, filtered=True) -> unit_gaps_filtered_by_name_desc
MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (u:`Unit`)-[:`LOCATED_IN`]->(:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT u
WITH u WHERE ($kinds IS NULL OR u.kind IN $kinds) AND ($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

WITH u, holders
WHERE CASE $by
        WHEN 'contract' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) })
        WHEN 'alliance' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) })
        WHEN 'committee' THEN NOT EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }
        ELSE NOT (any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) }) OR any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) }) OR EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }) END

    WITH u.id AS id, coalesce(u.name, '') AS key
    ORDER BY key DESC, id DESC
    WITH count(*) AS total, collect(id) AS ids
    RETURN total, ids[$skip..$skip + $limit] AS ids

// graph.queries.health.PING -> ping
RETURN 1 AS ok

// graph.queries.lifecycle.CONTRACT_LIFECYCLE -> lifecycle_contract
MATCH (k:`Contract` {id: $contract}) WHERE ($scope IS NULL OR EXISTS {

    CALL (k) {
      WITH k WHERE k:`Area` OR k:`Unit` OR k:`PartyOrg` OR k:`Alliance` RETURN k AS scope_base
      UNION
      MATCH (k:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (k:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (k:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (k:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (k:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (k:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })
OPTIONAL MATCH (k)-[:`RENEWS`]->(prev:`Contract`)
OPTIONAL MATCH (next:`Contract`)-[:`RENEWS`]->(k)
CALL (k) {
  MATCH (step_node:`ContractStep`)-[:`STEP_OF`]->(k)
  WITH step_node ORDER BY step_node.at, step_node.id LIMIT 100
  RETURN collect(step_node {.at, .by, .action, .before, .after, .reason}) AS steps
}
CALL (k) {
  OPTIONAL MATCH (j:`Project`)-[:`UNDER`]->(k)
  WITH j ORDER BY j.id LIMIT 1000
  CALL (j) {
  MATCH (step_node:`ProjectStep`)-[:`STEP_OF`]->(j)
  WITH step_node ORDER BY step_node.at, step_node.id LIMIT 100
  RETURN collect(step_node {.at, .by, .action, .before, .after, .reason}) AS project_steps
}
  RETURN collect(CASE WHEN j IS NULL THEN null ELSE j {
    .id, .status, .rating, .rating_comment, .rated_at, .rated_by, .done_at,
    steps: project_steps,
    need_side: EXISTS { MATCH (j)-[:`MEETS`]->(x:`Need`) WHERE ($scope IS NULL OR EXISTS {

    CALL (x) {
      WITH x WHERE x:`Area` OR x:`Unit` OR x:`PartyOrg` OR x:`Alliance` RETURN x AS scope_base
      UNION
      MATCH (x:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) },
    provider_side: EXISTS { MATCH (j)-[:`DELIVERED_BY`]->(x) WHERE ($scope IS NULL OR EXISTS {

    CALL (x) {
      WITH x WHERE x:`Area` OR x:`Unit` OR x:`PartyOrg` OR x:`Alliance` RETURN x AS scope_base
      UNION
      MATCH (x:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) },
    has_need: EXISTS { (j)-[:`MEETS`]->(:`Need`) }
  } END) AS projects
}
RETURN k.id AS id, k.status AS status, k.signed AS signed, k.expires AS expires,
       k.terminated_on AS terminated_on, k.termination_reason AS termination_reason,
       (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of) AS in_force,
       CASE WHEN (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of) THEN 'active'
            WHEN k.status = 'draft' THEN 'draft'
            WHEN k.status = 'terminated' AND (k.terminated_on IS NULL OR k.terminated_on <= $as_of)
              THEN 'terminated'
            WHEN k.expires < $as_of THEN 'expired'
            WHEN k.signed > $as_of THEN 'not_yet'
            ELSE k.status END AS status_on,
       prev {.id, .title, .name, .signed, .expires} AS renews,
       next {.id, .title, .name, .signed, .expires} AS renewed_by,
       EXISTS { MATCH (p:`PartyOrg`)-[:`PARTY_TO`]->(k)
                WHERE EXISTS { (p)-[:`BASED_IN`]->(:`Area`) } AND ($scope IS NULL OR EXISTS {

    CALL (p) {
      WITH p WHERE p:`Area` OR p:`Unit` OR p:`PartyOrg` OR p:`Alliance` RETURN p AS scope_base
      UNION
      MATCH (p:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (p:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (p:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (p:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (p:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (p:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) }
         AS community_side,
       steps, projects,
       COUNT { MATCH (j:`Project` {status: 'done'})-[:`UNDER`]->(k), (j)-[:`MEETS`]->(n:`Need`)
               RETURN DISTINCT n } AS needs_met

// graph.queries.lifecycle.CONTRACT_STATE -> lifecycle_contract_state
MATCH (k:`Contract` {id: $contract})
OPTIONAL MATCH (next:`Contract`)-[:`RENEWS`]->(k)
RETURN k.status AS status, k.signed AS signed, k.expires AS expires, k.title AS title, k.name AS name,
       next.id AS renewed_by,
       EXISTS { MATCH (p:`PartyOrg`)-[:`PARTY_TO`]->(k)
                WHERE EXISTS { (p)-[:`BASED_IN`]->(:`Area`) } AND ($scope IS NULL OR EXISTS {

    CALL (p) {
      WITH p WHERE p:`Area` OR p:`Unit` OR p:`PartyOrg` OR p:`Alliance` RETURN p AS scope_base
      UNION
      MATCH (p:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (p:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (p:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (p:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (p:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (p:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) }
         AS community_side

// graph.queries.lifecycle.LOCK_CONTRACT -> lifecycle_lock_contract
MATCH (x:`Contract` {id: $contract}) WHERE ($scope IS NULL OR EXISTS {

    CALL (x) {
      WITH x WHERE x:`Area` OR x:`Unit` OR x:`PartyOrg` OR x:`Alliance` RETURN x AS scope_base
      UNION
      MATCH (x:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })
SET x.step_lock = true REMOVE x.step_lock
RETURN x.id AS id

// graph.queries.lifecycle.LOCK_PROJECT -> lifecycle_lock_project
MATCH (x:`Project` {id: $project}) WHERE ($scope IS NULL OR EXISTS {

    CALL (x) {
      WITH x WHERE x:`Area` OR x:`Unit` OR x:`PartyOrg` OR x:`Alliance` RETURN x AS scope_base
      UNION
      MATCH (x:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })
SET x.step_lock = true REMOVE x.step_lock
RETURN x.id AS id

// graph.queries.lifecycle.PROJECTS -> lifecycle_projects
MATCH (j:`Project`) WHERE ($scope IS NULL OR EXISTS {

    CALL (j) {
      WITH j WHERE j:`Area` OR j:`Unit` OR j:`PartyOrg` OR j:`Alliance` RETURN j AS scope_base
      UNION
      MATCH (j:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (j:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (j:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (j:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (j:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (j:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })
WITH j ORDER BY j.id LIMIT $limit

OPTIONAL MATCH (j)-[:`UNDER`]->(k:`Contract`)
OPTIONAL MATCH (j)-[:`MEETS`]->(n:`Need`)
OPTIONAL MATCH (n)-[:`RAISED_BY`]->(raiser)
OPTIONAL MATCH (j)-[:`USES`]->(r:`Resource`)
WITH j, k, n, head(collect(raiser)) AS raiser, head(collect(r)) AS r
OPTIONAL MATCH (j)-[:`DELIVERED_BY`]->(d)
WITH j, k, n, raiser, r, head(collect(d)) AS d

RETURN j.id AS id, coalesce(j.title, j.name) AS title, j.status AS status, j.start AS start,
       j.end AS end, j.done_at AS done_at, j.rating AS rating, j.rating_comment AS comment,
       j.rated_at AS rated_at, j.rated_by AS rated_by, k.id AS contract, coalesce(k.title, k.name) AS
       contract_title, n.id AS need, coalesce(n.title, n.name) AS need_title, raiser.id AS raiser,
       raiser.name AS raiser_name, r.id AS resource, coalesce(r.title, r.name) AS resource_title,
       d.id AS provider, d.name AS provider_name
ORDER BY contract, id

// graph.queries.lifecycle.PROJECT_DETAIL -> lifecycle_project_detail
MATCH (j:`Project` {id: $project}) WHERE ($scope IS NULL OR EXISTS {

    CALL (j) {
      WITH j WHERE j:`Area` OR j:`Unit` OR j:`PartyOrg` OR j:`Alliance` RETURN j AS scope_base
      UNION
      MATCH (j:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (j:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (j:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (j:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (j:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (j:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })

OPTIONAL MATCH (j)-[:`UNDER`]->(k:`Contract`)
OPTIONAL MATCH (j)-[:`MEETS`]->(n:`Need`)
OPTIONAL MATCH (n)-[:`RAISED_BY`]->(raiser)
OPTIONAL MATCH (j)-[:`USES`]->(r:`Resource`)
WITH j, k, n, head(collect(raiser)) AS raiser, head(collect(r)) AS r
OPTIONAL MATCH (j)-[:`DELIVERED_BY`]->(d)
WITH j, k, n, raiser, r, head(collect(d)) AS d

CALL (j) {
  MATCH (step_node:`ProjectStep`)-[:`STEP_OF`]->(j)
  WITH step_node ORDER BY step_node.at, step_node.id LIMIT 100
  RETURN collect(step_node {.at, .by, .action, .before, .after, .reason}) AS steps
}
RETURN j.id AS id, coalesce(j.title, j.name) AS title, j.status AS status, j.start AS start,
       j.end AS end, j.done_at AS done_at, j.rating AS rating, j.rating_comment AS comment,
       j.rated_at AS rated_at, j.rated_by AS rated_by, k.id AS contract, coalesce(k.title, k.name) AS
       contract_title, n.id AS need, coalesce(n.title, n.name) AS need_title, raiser.id AS raiser,
       raiser.name AS raiser_name, r.id AS resource, coalesce(r.title, r.name) AS resource_title,
       d.id AS provider, d.name AS provider_name,
       EXISTS { MATCH (j)-[:`MEETS`]->(x:`Need`) WHERE ($scope IS NULL OR EXISTS {

    CALL (x) {
      WITH x WHERE x:`Area` OR x:`Unit` OR x:`PartyOrg` OR x:`Alliance` RETURN x AS scope_base
      UNION
      MATCH (x:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) } AS need_side,
       EXISTS { MATCH (j)-[:`DELIVERED_BY`]->(x) WHERE ($scope IS NULL OR EXISTS {

    CALL (x) {
      WITH x WHERE x:`Area` OR x:`Unit` OR x:`PartyOrg` OR x:`Alliance` RETURN x AS scope_base
      UNION
      MATCH (x:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (x:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) } AS provider_side,
       steps

// graph.queries.lifecycle.PROJECT_STATE -> lifecycle_project_state
MATCH (j:`Project` {id: $project})
RETURN j.status AS status, j.rating AS rating,
       EXISTS { MATCH (j)-[:`MEETS`]->(n:`Need`) WHERE ($scope IS NULL OR EXISTS {

    CALL (n) {
      WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
      UNION
      MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) } AS need_side,
       EXISTS { MATCH (j)-[:`DELIVERED_BY`]->(d) WHERE ($scope IS NULL OR EXISTS {

    CALL (d) {
      WITH d WHERE d:`Area` OR d:`Unit` OR d:`PartyOrg` OR d:`Alliance` RETURN d AS scope_base
      UNION
      MATCH (d:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (d:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (d:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (d:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (d:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (d:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) } AS provider_side,
       EXISTS { MATCH (j)-[:`MEETS`]->(:`Need`) } AS has_need

// graph.queries.lifecycle.RATE_PROJECT -> lifecycle_rate_project
MATCH (j:`Project` {id: $project})
CREATE (:`ProjectStep` {id: randomUUID(), at: $now, by: $user, action: $action, before: j.status, after: $after, reason: $reason})-[:`STEP_OF`]->(j)
SET j.rating = $rating, j.rating_comment = $reason, j.rated_at = $now, j.rated_by = $user
RETURN j.id AS id

// graph.queries.lifecycle.RENEW_CONTRACT -> lifecycle_renew_contract
MATCH (old:`Contract` {id: $contract})
CREATE (k:`Contract`:`Entity` {id: $renewal, name: $title, title: $title, status: $after,
                                  signed: $signed, expires: $expires, created_by: $user, created_at: $now,
                                  app_state_at: $now})
CREATE (k)-[:`RENEWS`]->(old)
WITH old, k
CALL (old, k) {
  MATCH (p)-[:`PARTY_TO`]->(old)
  CREATE (p)-[:`PARTY_TO`]->(k)
  RETURN count(*) AS parties
}
CREATE (:`ContractStep` {id: randomUUID(), at: $now, by: $user, action: $action, before: null, after: $after, reason: $reason})-[:`STEP_OF`]->(k)
CREATE (:`ContractStep` {id: randomUUID(), at: $now, by: $user, action: $action, before: old.status, after: old.status, reason: $reason})-[:`STEP_OF`]->(old)
RETURN k.id AS id, parties

// graph.queries.lifecycle.SIGN_CONTRACT -> lifecycle_sign_contract
MATCH (k:`Contract` {id: $contract})
CREATE (:`ContractStep` {id: randomUUID(), at: $now, by: $user, action: $action, before: k.status, after: $after, reason: $reason})-[:`STEP_OF`]->(k)
SET k.status = $after, k.signed = $signed, k.expires = $expires, k.app_state_at = $now
RETURN k.id AS id

// graph.queries.lifecycle.STEP_PROJECT -> lifecycle_step_project
MATCH (j:`Project` {id: $project})
CREATE (:`ProjectStep` {id: randomUUID(), at: $now, by: $user, action: $action, before: j.status, after: $after, reason: $reason})-[:`STEP_OF`]->(j)
SET j.status = $after, j.app_state_at = $now,
    j.started_at = CASE WHEN $action = 'start' THEN $now ELSE j.started_at END,
    j.done_at = CASE WHEN $action = 'complete' THEN $now ELSE j.done_at END
WITH j
// A done project's claimed needs are met: claimed → done.
CALL (j) {
  MATCH (j)-[:`MEETS`]->(n:`Need` {status: 'claimed'}) WHERE j.status = 'done'
  SET n.status = 'done', n.app_state_at = $now
  RETURN count(n) AS met
}
RETURN j.id AS id, met

// graph.queries.lifecycle.TERMINATE_CONTRACT -> lifecycle_terminate_contract
MATCH (k:`Contract` {id: $contract})
CREATE (:`ContractStep` {id: randomUUID(), at: $now, by: $user, action: $action, before: k.status, after: $after, reason: $reason})-[:`STEP_OF`]->(k)
SET k.status = $after, k.terminated_on = $on, k.termination_reason = $reason, k.app_state_at = $now
RETURN k.id AS id

// graph.queries.loads.ANY_ENTITY -> any_entity
MATCH (n:`Entity`) RETURN n.id AS id LIMIT 1

// graph.queries.loads.AREA_DEPENDENTS -> area_dependents
UNWIND $ids AS id
MATCH (a:`Area` {id: id})
CALL (a) {
    OPTIONAL MATCH (c:`Area`)-[:`PART_OF`]->(a)
    WITH c LIMIT $limit
    RETURN collect({id: c.id, level: c.level}) AS children
}
RETURN a.id AS id, a.level AS level, children,
       COUNT { (:`Unit`)-[:`LOCATED_IN`]->(a) } AS units,
       COUNT { (:`Alliance`)-[:`HOSTED_BY`]->(a) } AS alliances

// graph.queries.loads.COUNT_LOADS -> count_loads
MATCH (l:`Load`) RETURN count(l) AS n

// graph.queries.loads.COUNT_NODES -> count_nodes
MATCH (n:`Area`|`Unit`|`PartyOrg`|`Alliance`|`Person`|`Contract`|`Need`|`Resource`|`Project`)
RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label, count(*) AS n

// graph.queries.loads.COUNT_RELS -> count_rels
MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n

// graph.queries.loads.FINGERPRINT_NODES -> fingerprint_nodes
MATCH (n:`Area`|`Unit`|`PartyOrg`|`Alliance`|`Person`|`Contract`|`Need`|`Resource`|`Project`)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, [l IN labels(n) | l] AS labels, properties(n) AS props

// graph.queries.loads.FINGERPRINT_RELS -> fingerprint_rels
MATCH (a:`Area`|`Unit`|`PartyOrg`|`Alliance`|`Person`|`Contract`|`Need`|`Resource`|`Project`)
WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[r]->(b:`Entity`)
RETURN a.id AS id, collect({type: type(r), dst: b.id, props: properties(r)}) AS rels

// graph.queries.loads.FINISH_LOAD -> finish_load
MATCH (l:`Load` {id: $id})
SET l.finished = datetime(), l.outcome = $outcome, l.counts = $counts, l.problems = $problems,
    l.error = $error

// graph.queries.loads.GET_LOAD -> get_load
MATCH (l:`Load` {id: $id}) RETURN l {.*} AS load

// graph.queries.loads.INTERRUPT_LOADS -> interrupt_loads
UNWIND $ids AS id
MATCH (l:`Load` {id: id}) WHERE l.outcome = 'running'
SET l.outcome = 'interrupted', l.finished = datetime(),
    l.error = 'the process running the load ended before it finished'

// graph.queries.loads.LOOKUP_ENTITIES -> lookup_entities
UNWIND $ids AS id
MATCH (n:`Entity` {id: id})
OPTIONAL MATCH (n)-[:`BASED_IN`]->(a:`Area`)
WITH n, collect(a.level)[0] AS based_level
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.level AS level,
       based_level

// graph.queries.loads.LOOKUP_USCC -> lookup_uscc
UNWIND $rows AS row
MATCH (u:`Unit` {uscc: row.uscc})
WHERE u.id <> row.id
RETURN row.uscc AS uscc, u.id AS id

// graph.queries.loads.NODE_PROPS -> node_props
MATCH (n:`Entity` {id: $id}) RETURN properties(n) AS props

// graph.queries.loads.RELS_FROM -> rels_from
MATCH (a:`Entity` {id: $id})-[r]->(b)
RETURN type(r) AS type, b.id AS dst, properties(r) AS props
ORDER BY type, dst LIMIT 1000

// graph.queries.loads.RUNNING_LOADS -> running_loads
MATCH (l:`Load`) WHERE l.outcome = 'running'
RETURN l.id AS id, l.owner AS owner
ORDER BY l.started LIMIT 1000

// graph.queries.loads.SHARED_PARTIES -> shared_parties
UNWIND $ids AS id
MATCH (k:`Contract`|`Alliance` {id: id})
CALL (k) {
    OPTIONAL MATCH (p:`Entity`)-[:`PARTY_TO`|`MEMBER_OF`|`LEADS`]->(k)
    WITH p LIMIT $limit
    RETURN collect(p.id) AS parties
}
RETURN k.id AS id, parties

// graph.queries.loads.START_LOAD -> start_load
MERGE (l:`Load` {id: $id})
SET l.started = datetime(), l.user = $user, l.files = $files, l.outcome = 'running',
    l.owner = $owner

// graph.queries.loads.remove_stale_rels(rel=Rel.MEMBER_OF, owner=Label.UNIT, outgoing=False) -> remove_stale_MEMBER_OF_Unit
UNWIND $rows AS row
MATCH (o:`Unit` {id: row.id}) USING INDEX o:`Unit`(id)
MATCH (o)<-[r:`MEMBER_OF`]-(x)
WHERE NOT x.id IN row.keep
DELETE r
RETURN row.id AS id, count(r) AS removed

// graph.queries.loads.remove_stale_rels(rel=Rel.MEMBER_OF, owner=Label.UNIT, outgoing=True) -> remove_stale_MEMBER_OF_Unit
UNWIND $rows AS row
MATCH (o:`Unit` {id: row.id}) USING INDEX o:`Unit`(id)
MATCH (o)-[r:`MEMBER_OF`]->(x)
WHERE NOT x.id IN row.keep
DELETE r
RETURN row.id AS id, count(r) AS removed

// graph.queries.loads.replace_source_links(rel=Rel.MEMBER_OF) -> replace_source_MEMBER_OF
MATCH ()-[r:`MEMBER_OF`]->()
WHERE r.src_file = $file AND NOT r.id IN $keep
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS deleted

// graph.queries.loads.replace_source_nodes(label=Label.UNIT) -> replace_source_Unit
MATCH (n:`Entity` {src_file: $file})
WHERE n:`Unit` AND NOT n.id IN $keep AND n.app_state_at IS NULL
  AND NOT EXISTS { (n)<-[:`CLAIMS`]-() }
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted

// graph.queries.loads.stored_parents(label=Label.UNIT, rel=Rel.MEMBER_OF) -> stored_parents_MEMBER_OF
UNWIND $ids AS id
MATCH (n:`Unit` {id: id})-[:`MEMBER_OF`]->(p:`Unit`)
RETURN n.id AS id, p.id AS parent, p.level AS level

// graph.queries.login_limits.CLEAR_COUNTERS -> login_counter_clear
UNWIND $ids AS id
MATCH (c:`LoginCounter` {id: id})
SET c.times = []

// graph.queries.login_limits.COUNT_ATTEMPT -> login_counter_count
UNWIND $ids AS id
MATCH (c:`LoginCounter` {id: id})
SET c.times = c.times + $now

// graph.queries.login_limits.LOCK_COUNTER -> login_counter_lock
MERGE (c:`LoginCounter` {id: $id})
  ON CREATE SET c.times = [], c.audited_until = 0.0
SET c.seen = $now
WITH c
SET c.times = [t IN c.times WHERE t > $now - $window_s]
RETURN c.times AS times, c.audited_until AS audited_until

// graph.queries.login_limits.MARK_BLOCK_AUDITED -> login_counter_block_audited
UNWIND $ids AS id
MATCH (c:`LoginCounter` {id: id})
SET c.audited_until = $until

// graph.queries.login_limits.PEEK_COUNTERS -> login_counter_peek
UNWIND $ids AS id
MATCH (c:`LoginCounter` {id: id})
RETURN c.id AS id, c.times AS times, c.audited_until AS audited_until

// graph.queries.login_limits.PRUNE_COUNTERS -> login_counter_prune
MATCH (c:`LoginCounter`) WHERE c.seen < $cutoff
WITH c LIMIT $batch
DELETE c
RETURN count(*) AS n

// graph.queries.login_limits.UNCOUNT_ATTEMPT -> login_counter_uncount
UNWIND $ids AS id
MATCH (c:`LoginCounter` {id: id})
SET c.seen = $now
WITH c
SET c.times = c.times[0..-1]

// graph.queries.matches.needs_near_units(walk=False) -> match_needs_units_scan
CALL () {
  UNWIND $units AS unit_id
  MATCH (page_unit:`Unit` {id: unit_id})

CALL (page_unit) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(page_unit)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> page_unit })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [page_unit] + orgs AS page_holders
}

  UNWIND page_holders AS page_holder
  MATCH (n:`Need`)-[:`RAISED_BY`]->(page_holder)
  RETURN n, true AS raised_here
  UNION
  MATCH (n:`Need`) WHERE n.status = 'open' AND n.category IN $offered_categories
  RETURN DISTINCT n, false AS raised_here
}
WITH n, true IN collect(raised_here) AS raised_here
WHERE n.status = 'open' AND ($category IS NULL OR n.category = $category)
MATCH (n)-[:`RAISED_BY`]->(src)


CALL (src) {
  WITH [src] AS holder_list

CALL (holder_list) {
  UNWIND holder_list AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS holder_unit
  RETURN holder_unit
}

  RETURN collect(DISTINCT holder_unit) AS src_units
}


WITH *, head(CASE WHEN src:`Area` THEN [src]
                  WHEN src:`Unit` THEN [(src)-[:`LOCATED_IN`]->(place_area:`Area`) | place_area]
                  ELSE [(src)-[:`BASED_IN`]->(place_area:`Area`) | place_area]
                     + [place_unit IN src_units WHERE EXISTS { (place_unit)-[:`LOCATED_IN`]->(:`Area`) }
                        | head([(place_unit)-[:`LOCATED_IN`]->(place_area:`Area`) | place_area])] END) AS loc


WITH *, [(loc)-[:`PART_OF`*0..4]->(chain_area:`Area`) | chain_area] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district

WITH * WHERE loc IS NOT NULL AND (street IS NOT NULL OR district IS NOT NULL)
  AND EXISTS { MATCH (loc)-[:`PART_OF`*0..4]->(loc_root:`Area`) WHERE loc_root.id IN $roots }
  AND ($scope IS NULL OR EXISTS {

    CALL (src) {
      WITH src WHERE src:`Area` OR src:`Unit` OR src:`PartyOrg` OR src:`Alliance` RETURN src AS scope_base
      UNION
      MATCH (src:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (src:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (src:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) AND (raised_here OR [n.category, coalesce(district.id, street.id)] IN $offered)
CALL (src) {
  WITH src AS u WHERE src:`Unit`

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

  RETURN holders AS own
  UNION
  WITH src WHERE NOT src:`Unit`
  RETURN CASE WHEN src:`Area` THEN [] ELSE [src] END AS own
}
WITH *, own + [(o:`PartyOrg`)-[:`BASED_IN`]->(community) | o]
             + [(o:`PartyOrg`)-[:`BASED_IN`]->(street) | o] AS holders
RETURN n.id AS need_id, coalesce(n.title, n.name) AS need_title, n.category AS category,
       src.id AS raiser_id, src.name AS raiser_name, [l IN labels(src) WHERE l <> 'Entity'][0] AS raiser_type,
       [v IN src_units | v.id] AS raiser_units,
       community.id AS com, community.name AS com_name, street.id AS str, street.name AS str_name,
       district.id AS dis, district.name AS dis_name,
       COLLECT {
    UNWIND holders AS link_holder
    MATCH (link_holder)-[:`MEMBER_OF`|`LEADS`]->(link_alliance:`Alliance`)
    RETURN DISTINCT link_alliance.id
  }
         + [(al:`Alliance`)-[:`HOSTED_BY`]->(street) | al.id] AS alliances,
       COLLECT {
    UNWIND holders AS link_holder
    MATCH (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`)
    WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of)
    RETURN DISTINCT link_contract.id
  } AS contracts,
       [h IN holders WHERE h:`PartyOrg` | h.id] AS orgs
ORDER BY need_id, raiser_id
LIMIT 20000

// graph.queries.matches.needs_near_units(walk=True) -> match_needs_units_walk
CALL () {
  UNWIND $units AS unit_id
  MATCH (page_unit:`Unit` {id: unit_id})

CALL (page_unit) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(page_unit)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> page_unit })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [page_unit] + orgs AS page_holders
}

  UNWIND page_holders AS page_holder
  MATCH (n:`Need`)-[:`RAISED_BY`]->(page_holder)
  RETURN n, true AS raised_here
  UNION

MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (area:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT area
CALL (area) {
  MATCH (n:`Need`)-[:`RAISED_BY`]->(area) RETURN n, area AS src
  UNION
  MATCH (n:`Need`)-[:`RAISED_BY`]->(src:`PartyOrg`)-[:`BASED_IN`]->(area) RETURN n, src
  UNION
  MATCH (u:`Unit`)-[:`LOCATED_IN`]->(area)

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

  UNWIND holders AS src
  MATCH (n:`Need`)-[:`RAISED_BY`]->(src)
  RETURN n, src
}

  WITH n WHERE n.status = 'open' AND n.category IN $offered_categories
  RETURN DISTINCT n, false AS raised_here
}
WITH n, true IN collect(raised_here) AS raised_here
WHERE n.status = 'open' AND ($category IS NULL OR n.category = $category)
MATCH (n)-[:`RAISED_BY`]->(src)


CALL (src) {
  WITH [src] AS holder_list

CALL (holder_list) {
  UNWIND holder_list AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS holder_unit
  RETURN holder_unit
}

  RETURN collect(DISTINCT holder_unit) AS src_units
}


WITH *, head(CASE WHEN src:`Area` THEN [src]
                  WHEN src:`Unit` THEN [(src)-[:`LOCATED_IN`]->(place_area:`Area`) | place_area]
                  ELSE [(src)-[:`BASED_IN`]->(place_area:`Area`) | place_area]
                     + [place_unit IN src_units WHERE EXISTS { (place_unit)-[:`LOCATED_IN`]->(:`Area`) }
                        | head([(place_unit)-[:`LOCATED_IN`]->(place_area:`Area`) | place_area])] END) AS loc


WITH *, [(loc)-[:`PART_OF`*0..4]->(chain_area:`Area`) | chain_area] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district

WITH * WHERE loc IS NOT NULL AND (street IS NOT NULL OR district IS NOT NULL)
  AND EXISTS { MATCH (loc)-[:`PART_OF`*0..4]->(loc_root:`Area`) WHERE loc_root.id IN $roots }
  AND ($scope IS NULL OR EXISTS {

    CALL (src) {
      WITH src WHERE src:`Area` OR src:`Unit` OR src:`PartyOrg` OR src:`Alliance` RETURN src AS scope_base
      UNION
      MATCH (src:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (src:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (src:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) AND (raised_here OR [n.category, coalesce(district.id, street.id)] IN $offered)
CALL (src) {
  WITH src AS u WHERE src:`Unit`

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

  RETURN holders AS own
  UNION
  WITH src WHERE NOT src:`Unit`
  RETURN CASE WHEN src:`Area` THEN [] ELSE [src] END AS own
}
WITH *, own + [(o:`PartyOrg`)-[:`BASED_IN`]->(community) | o]
             + [(o:`PartyOrg`)-[:`BASED_IN`]->(street) | o] AS holders
RETURN n.id AS need_id, coalesce(n.title, n.name) AS need_title, n.category AS category,
       src.id AS raiser_id, src.name AS raiser_name, [l IN labels(src) WHERE l <> 'Entity'][0] AS raiser_type,
       [v IN src_units | v.id] AS raiser_units,
       community.id AS com, community.name AS com_name, street.id AS str, street.name AS str_name,
       district.id AS dis, district.name AS dis_name,
       COLLECT {
    UNWIND holders AS link_holder
    MATCH (link_holder)-[:`MEMBER_OF`|`LEADS`]->(link_alliance:`Alliance`)
    RETURN DISTINCT link_alliance.id
  }
         + [(al:`Alliance`)-[:`HOSTED_BY`]->(street) | al.id] AS alliances,
       COLLECT {
    UNWIND holders AS link_holder
    MATCH (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`)
    WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of)
    RETURN DISTINCT link_contract.id
  } AS contracts,
       [h IN holders WHERE h:`PartyOrg` | h.id] AS orgs
ORDER BY need_id, raiser_id
LIMIT 20000

// graph.queries.matches.needs_query(walk=False) -> match_needs_scan
MATCH (n:`Need`) WHERE n.status = 'open' AND ($category IS NULL OR n.category = $category)
MATCH (n)-[:`RAISED_BY`]->(src)


CALL (src) {
  WITH [src] AS holder_list

CALL (holder_list) {
  UNWIND holder_list AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS holder_unit
  RETURN holder_unit
}

  RETURN collect(DISTINCT holder_unit) AS src_units
}


WITH *, head(CASE WHEN src:`Area` THEN [src]
                  WHEN src:`Unit` THEN [(src)-[:`LOCATED_IN`]->(place_area:`Area`) | place_area]
                  ELSE [(src)-[:`BASED_IN`]->(place_area:`Area`) | place_area]
                     + [place_unit IN src_units WHERE EXISTS { (place_unit)-[:`LOCATED_IN`]->(:`Area`) }
                        | head([(place_unit)-[:`LOCATED_IN`]->(place_area:`Area`) | place_area])] END) AS loc


WITH *, [(loc)-[:`PART_OF`*0..4]->(chain_area:`Area`) | chain_area] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district

WITH * WHERE loc IS NOT NULL AND (street IS NOT NULL OR district IS NOT NULL)
  AND EXISTS { MATCH (loc)-[:`PART_OF`*0..4]->(loc_root:`Area`) WHERE loc_root.id IN $roots }
  AND ($scope IS NULL OR EXISTS {

    CALL (src) {
      WITH src WHERE src:`Area` OR src:`Unit` OR src:`PartyOrg` OR src:`Alliance` RETURN src AS scope_base
      UNION
      MATCH (src:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (src:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (src:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })
CALL (src) {
  WITH src AS u WHERE src:`Unit`

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

  RETURN holders AS own
  UNION
  WITH src WHERE NOT src:`Unit`
  RETURN CASE WHEN src:`Area` THEN [] ELSE [src] END AS own
}
WITH *, own + [(o:`PartyOrg`)-[:`BASED_IN`]->(community) | o]
             + [(o:`PartyOrg`)-[:`BASED_IN`]->(street) | o] AS holders
RETURN n.id AS need_id, coalesce(n.title, n.name) AS need_title, n.category AS category,
       src.id AS raiser_id, src.name AS raiser_name, [l IN labels(src) WHERE l <> 'Entity'][0] AS raiser_type,
       [v IN src_units | v.id] AS raiser_units,
       community.id AS com, community.name AS com_name, street.id AS str, street.name AS str_name,
       district.id AS dis, district.name AS dis_name,
       COLLECT {
    UNWIND holders AS link_holder
    MATCH (link_holder)-[:`MEMBER_OF`|`LEADS`]->(link_alliance:`Alliance`)
    RETURN DISTINCT link_alliance.id
  }
         + [(al:`Alliance`)-[:`HOSTED_BY`]->(street) | al.id] AS alliances,
       COLLECT {
    UNWIND holders AS link_holder
    MATCH (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`)
    WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of)
    RETURN DISTINCT link_contract.id
  } AS contracts,
       [h IN holders WHERE h:`PartyOrg` | h.id] AS orgs
ORDER BY need_id, raiser_id
LIMIT 20000

// graph.queries.matches.needs_query(walk=True) -> match_needs_walk
MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (area:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT area
CALL (area) {
  MATCH (n:`Need`)-[:`RAISED_BY`]->(area) RETURN n, area AS src
  UNION
  MATCH (n:`Need`)-[:`RAISED_BY`]->(src:`PartyOrg`)-[:`BASED_IN`]->(area) RETURN n, src
  UNION
  MATCH (u:`Unit`)-[:`LOCATED_IN`]->(area)

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

  UNWIND holders AS src
  MATCH (n:`Need`)-[:`RAISED_BY`]->(src)
  RETURN n, src
}

WITH DISTINCT n, src WHERE n.status = 'open' AND ($category IS NULL OR n.category = $category)


CALL (src) {
  WITH [src] AS holder_list

CALL (holder_list) {
  UNWIND holder_list AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS holder_unit
  RETURN holder_unit
}

  RETURN collect(DISTINCT holder_unit) AS src_units
}


WITH *, head(CASE WHEN src:`Area` THEN [src]
                  WHEN src:`Unit` THEN [(src)-[:`LOCATED_IN`]->(place_area:`Area`) | place_area]
                  ELSE [(src)-[:`BASED_IN`]->(place_area:`Area`) | place_area]
                     + [place_unit IN src_units WHERE EXISTS { (place_unit)-[:`LOCATED_IN`]->(:`Area`) }
                        | head([(place_unit)-[:`LOCATED_IN`]->(place_area:`Area`) | place_area])] END) AS loc


WITH *, [(loc)-[:`PART_OF`*0..4]->(chain_area:`Area`) | chain_area] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district

WITH * WHERE loc IS NOT NULL AND (street IS NOT NULL OR district IS NOT NULL)
  AND EXISTS { MATCH (loc)-[:`PART_OF`*0..4]->(loc_root:`Area`) WHERE loc_root.id IN $roots }
  AND ($scope IS NULL OR EXISTS {

    CALL (src) {
      WITH src WHERE src:`Area` OR src:`Unit` OR src:`PartyOrg` OR src:`Alliance` RETURN src AS scope_base
      UNION
      MATCH (src:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (src:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (src:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })
CALL (src) {
  WITH src AS u WHERE src:`Unit`

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

  RETURN holders AS own
  UNION
  WITH src WHERE NOT src:`Unit`
  RETURN CASE WHEN src:`Area` THEN [] ELSE [src] END AS own
}
WITH *, own + [(o:`PartyOrg`)-[:`BASED_IN`]->(community) | o]
             + [(o:`PartyOrg`)-[:`BASED_IN`]->(street) | o] AS holders
RETURN n.id AS need_id, coalesce(n.title, n.name) AS need_title, n.category AS category,
       src.id AS raiser_id, src.name AS raiser_name, [l IN labels(src) WHERE l <> 'Entity'][0] AS raiser_type,
       [v IN src_units | v.id] AS raiser_units,
       community.id AS com, community.name AS com_name, street.id AS str, street.name AS str_name,
       district.id AS dis, district.name AS dis_name,
       COLLECT {
    UNWIND holders AS link_holder
    MATCH (link_holder)-[:`MEMBER_OF`|`LEADS`]->(link_alliance:`Alliance`)
    RETURN DISTINCT link_alliance.id
  }
         + [(al:`Alliance`)-[:`HOSTED_BY`]->(street) | al.id] AS alliances,
       COLLECT {
    UNWIND holders AS link_holder
    MATCH (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`)
    WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of)
    RETURN DISTINCT link_contract.id
  } AS contracts,
       [h IN holders WHERE h:`PartyOrg` | h.id] AS orgs
ORDER BY need_id, raiser_id
LIMIT 20000

// graph.queries.matches.offers_query(walk=False) -> match_offers
MATCH (res:`Resource`) WHERE res.category IN $categories
MATCH (res)-[:`OFFERED_BY`]->(src) WHERE src:`Unit` OR src:`PartyOrg`

CALL (src) {
  WITH [src] AS holder_list

CALL (holder_list) {
  UNWIND holder_list AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS holder_unit
  RETURN holder_unit
}

  RETURN collect(DISTINCT holder_unit) AS src_units
}

UNWIND src_units AS u
WITH res, src, u, head([(u)-[:`LOCATED_IN`]->(a:`Area`) | a]) AS loc

WITH *, [(loc)-[:`PART_OF`*0..4]->(chain_area:`Area`) | chain_area] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district

WITH * WHERE (district.id IN $districts OR street.id IN $streets) AND ($scope IS NULL OR EXISTS {

    CALL (src) {
      WITH src WHERE src:`Area` OR src:`Unit` OR src:`PartyOrg` OR src:`Alliance` RETURN src AS scope_base
      UNION
      MATCH (src:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (src:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (src:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

RETURN res.id AS resource_id, coalesce(res.title, res.name) AS resource_title, res.category AS category,
       src.id AS offered_by_id, src.name AS offered_by_name, u.id AS provider_id, u.name AS provider_name,
       u.kind AS provider_kind, community.id AS com, community.name AS com_name, street.id AS str,
       street.name AS str_name, district.id AS dis,
       COLLECT {
    UNWIND holders AS link_holder
    MATCH (link_holder)-[:`MEMBER_OF`|`LEADS`]->(link_alliance:`Alliance`)
    RETURN DISTINCT link_alliance.id
  } AS alliances, COLLECT {
    UNWIND holders AS link_holder
    MATCH (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`)
    WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of)
    RETURN DISTINCT link_contract.id
  } AS contracts,
       COLLECT {
    MATCH (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    MATCH (seat_person)-[seat:`SEATED_ON`]->(seat_org:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    RETURN DISTINCT seat_org.id
  } AS seats,
       COUNT { (j:`Project`)-[:`USES`]->(res)
               WHERE j.status IN ['planned', 'ongoing'] } AS projects
ORDER BY resource_id, provider_id
LIMIT 20000

// graph.queries.matches.offers_query(walk=True) -> match_offers_walk
MATCH (offer_root:`Area`) WHERE offer_root.id IN $regions
MATCH (offer_area:`Area`)-[:`PART_OF`*0..4]->(offer_root)
WITH DISTINCT offer_area
MATCH (offer_unit:`Unit`)-[:`LOCATED_IN`]->(offer_area)

CALL (offer_unit) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(offer_unit)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> offer_unit })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [offer_unit] + orgs AS offer_holders
}

UNWIND offer_holders AS offer_holder
MATCH (res:`Resource`)-[:`OFFERED_BY`]->(offer_holder) WHERE res.category IN $categories
WITH DISTINCT res

MATCH (res)-[:`OFFERED_BY`]->(src) WHERE src:`Unit` OR src:`PartyOrg`

CALL (src) {
  WITH [src] AS holder_list

CALL (holder_list) {
  UNWIND holder_list AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS holder_unit
  RETURN holder_unit
}

  RETURN collect(DISTINCT holder_unit) AS src_units
}

UNWIND src_units AS u
WITH res, src, u, head([(u)-[:`LOCATED_IN`]->(a:`Area`) | a]) AS loc

WITH *, [(loc)-[:`PART_OF`*0..4]->(chain_area:`Area`) | chain_area] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district

WITH * WHERE (district.id IN $districts OR street.id IN $streets) AND ($scope IS NULL OR EXISTS {

    CALL (src) {
      WITH src WHERE src:`Area` OR src:`Unit` OR src:`PartyOrg` OR src:`Alliance` RETURN src AS scope_base
      UNION
      MATCH (src:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (src:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (src:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (src:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

RETURN res.id AS resource_id, coalesce(res.title, res.name) AS resource_title, res.category AS category,
       src.id AS offered_by_id, src.name AS offered_by_name, u.id AS provider_id, u.name AS provider_name,
       u.kind AS provider_kind, community.id AS com, community.name AS com_name, street.id AS str,
       street.name AS str_name, district.id AS dis,
       COLLECT {
    UNWIND holders AS link_holder
    MATCH (link_holder)-[:`MEMBER_OF`|`LEADS`]->(link_alliance:`Alliance`)
    RETURN DISTINCT link_alliance.id
  } AS alliances, COLLECT {
    UNWIND holders AS link_holder
    MATCH (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`)
    WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of)
    RETURN DISTINCT link_contract.id
  } AS contracts,
       COLLECT {
    MATCH (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    MATCH (seat_person)-[seat:`SEATED_ON`]->(seat_org:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    RETURN DISTINCT seat_org.id
  } AS seats,
       COUNT { (j:`Project`)-[:`USES`]->(res)
               WHERE j.status IN ['planned', 'ongoing'] } AS projects
ORDER BY resource_id, provider_id
LIMIT 20000

// graph.queries.network.ENTITY_EXISTS -> network_entity
MATCH (n:`Entity` {id: $id})
  WHERE ($scope IS NULL OR EXISTS {

  CALL (n) {
    WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
    UNION
    MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
  RETURN labels(n) AS labels, n {.name, .level, .kind, .type, .status, .category, .signed, .expires, .founded, .members, .start, .end, .title, .party_member} AS props

// graph.queries.network.expand_layer(types=(Rel.MEMBER_OF, Rel.PARTY_TO), closing=False) -> network_expand_MEMBER_OF_PARTY_TO
UNWIND $frontier AS frontier_id
      MATCH (a:`Entity` {id: frontier_id})-[r:`MEMBER_OF`|`PARTY_TO`]-(b:`Entity`)
      WHERE $known[b.id] IS NOT NULL OR ($scope IS NULL OR EXISTS {

  CALL (b) {
    WITH b WHERE b:`Area` OR b:`Unit` OR b:`PartyOrg` OR b:`Alliance` RETURN b AS scope_base
    UNION
    MATCH (b:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (b:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (b:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (b:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (b:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (b:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
      WITH a, r, b, $known[b.id] IS NULL AS new
      RETURN a.id AS a, b.id AS b, startNode(r) = a AS outgoing, type(r) AS type,
             r {.role, .joined, .title, .start, .end} AS rel_props,
             CASE WHEN new THEN labels(b) END AS labels,
             CASE WHEN new THEN b {.name, .level, .kind, .type, .status, .category, .signed, .expires, .founded, .members, .start, .end, .title, .party_member} END AS props
      LIMIT $cap

// graph.queries.network.expand_layer(types=(Rel.MEMBER_OF, Rel.PARTY_TO), closing=True) -> network_close_MEMBER_OF_PARTY_TO
UNWIND $frontier AS frontier_id
MATCH (a:`Entity` {id: frontier_id})-[r:`MEMBER_OF`|`PARTY_TO`]-(b:`Entity`)
WHERE $known[b.id] IS NOT NULL
WITH a, r, b, $known[b.id] IS NULL AS new
RETURN a.id AS a, b.id AS b, startNode(r) = a AS outgoing, type(r) AS type,
       r {.role, .joined, .title, .start, .end} AS rel_props,
       CASE WHEN new THEN labels(b) END AS labels,
       CASE WHEN new THEN b {.name, .level, .kind, .type, .status, .category, .signed, .expires, .founded, .members, .start, .end, .title, .party_member} END AS props
LIMIT $cap

// graph.queries.page_facts.AREA_JOINT_MEETING -> area_joint_meeting
MATCH (a:`Area` {id: $id}) RETURN a.joint_meeting AS joint_meeting

// graph.queries.partners.UNIT_REGIONS -> partner_unit_regions
UNWIND $units AS uid
    MATCH (u:`Unit` {id: uid})
    WITH u, head([(u)-[:`LOCATED_IN`]->(a:`Area`) | a]) AS loc

WITH *, [(loc)-[:`PART_OF`*0..4]->(chain_area:`Area`) | chain_area] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district

    WITH u, coalesce(district.id, street.id) AS region WHERE region IS NOT NULL

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

    RETURN region, COLLECT {
      UNWIND holders AS holder
      MATCH (res:`Resource`)-[:`OFFERED_BY`]->(holder)
      WHERE res.category IS NOT NULL
      RETURN DISTINCT res.category
    } AS categories

// graph.queries.paths.ENDPOINTS -> path_endpoints
UNWIND $ids AS entity_id
    MATCH (n:`Entity` {id: entity_id})
    WHERE ($scope IS NULL OR EXISTS {

    CALL (n) {
      WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
      UNION
      MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })

CALL (n) {
  WITH n AS end_unit WHERE n:`Unit`

CALL (end_unit) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(end_unit)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> end_unit })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [end_unit] + orgs AS holders
}

  RETURN holders
  UNION
  WITH n WHERE n:`Area`
  RETURN [n] + [(end_org:`PartyOrg`)-[:`BASED_IN`]->(n) | end_org] AS holders
  UNION
  WITH n WHERE NOT n:`Unit` AND NOT n:`Area`
  RETURN [n] AS holders
}

    RETURN n.id AS id, labels(n) AS labels, n {.id, .name, .level, .kind, .type, .status, .category, .signed, .expires, .founded, .members, .start, .end, .title, .party_member} AS props,
           [h IN holders | h.id][..50] AS holders

// graph.queries.paths.tier_paths(count=2, max_length=2, map_too=False) -> tier_paths_org_2_2
MATCH (a:`Entity` {id: $from}), (b:`Entity` {id: $to})
      MATCH p = SHORTEST 2 (a) ((w)-[r:`BELONGS_TO`|`REPORTS_TO`|`LEADS`|`MEMBER_OF`|`WORKS_AT`|`SEATED_ON`|`PARTY_TO`|`RAISED_BY`|`OFFERED_BY`|`UNDER`|`MEETS`|`USES`|`DELIVERED_BY`|`BASED_IN`]-(x)
      WHERE ($scope IS NULL OR EXISTS {

  CALL (x) {
    WITH x WHERE x:`Area` OR x:`Unit` OR x:`PartyOrg` OR x:`Alliance` RETURN x AS scope_base
    UNION
    MATCH (x:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (x:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (x:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (x:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (x:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (x:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
        AND NOT (x.id IN $from_set AND NOT w.id IN $from_set)
        AND NOT (w.id IN $to_set AND NOT x.id IN $to_set)
        AND ((w.id IN $from_set AND x.id IN $from_set AND startNode(r) = x)
             OR (w.id IN $to_set AND x.id IN $to_set AND startNode(r) = w)
             OR (type(r) IN $between
             AND (x = b OR NOT x:`Area`)
             AND (NOT $active_only OR (
               (x = b OR NOT x:`Contract` OR ((x.status = 'active' OR (x.status = 'terminated' AND x.terminated_on > $as_of)) AND x.signed <= $as_of AND (x.expires IS NULL OR x.expires >= $as_of)))
               AND (NOT r:`SEATED_ON` OR (r.start IS NOT NULL AND r.start <= $as_of AND (r.end IS NULL OR r.end >= $as_of)))))))){1,2} (b)
      RETURN [n IN nodes(p) | {labels: labels(n), props: n {.id, .name, .level, .kind, .type, .status, .category, .signed, .expires, .founded, .members, .start, .end, .title, .party_member},
               in_force: CASE WHEN n:`Contract` THEN (n.status = 'active' OR (n.status = 'terminated' AND n.terminated_on > $as_of)) AND n.signed <= $as_of AND (n.expires IS NULL OR n.expires >= $as_of) END}] AS nodes,
             [e IN relationships(p) | {source: startNode(e).id, target: endNode(e).id, type: type(e),
               props: e {.role, .joined, .title, .start, .end},
               in_term: CASE WHEN e:`SEATED_ON` THEN e.start IS NOT NULL AND e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of) END}] AS rels

// graph.queries.paths.tier_paths(count=2, max_length=2, map_too=True) -> tier_paths_map_2_2
MATCH (a:`Entity` {id: $from}), (b:`Entity` {id: $to})
      MATCH p = SHORTEST 2 (a) ((w)-[r:`BELONGS_TO`|`REPORTS_TO`|`LEADS`|`MEMBER_OF`|`WORKS_AT`|`SEATED_ON`|`PARTY_TO`|`RAISED_BY`|`OFFERED_BY`|`UNDER`|`MEETS`|`USES`|`DELIVERED_BY`|`BASED_IN`|`PART_OF`|`LOCATED_IN`|`HOSTED_BY`]-(x)
      WHERE ($scope IS NULL OR EXISTS {

  CALL (x) {
    WITH x WHERE x:`Area` OR x:`Unit` OR x:`PartyOrg` OR x:`Alliance` RETURN x AS scope_base
    UNION
    MATCH (x:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (x:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (x:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (x:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (x:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (x:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
        AND NOT (x.id IN $from_set AND NOT w.id IN $from_set)
        AND NOT (w.id IN $to_set AND NOT x.id IN $to_set)
        AND ((w.id IN $from_set AND x.id IN $from_set AND startNode(r) = x)
             OR (w.id IN $to_set AND x.id IN $to_set AND startNode(r) = w)
             OR (type(r) IN $between
             AND (NOT $active_only OR (
               (x = b OR NOT x:`Contract` OR ((x.status = 'active' OR (x.status = 'terminated' AND x.terminated_on > $as_of)) AND x.signed <= $as_of AND (x.expires IS NULL OR x.expires >= $as_of)))
               AND (NOT r:`SEATED_ON` OR (r.start IS NOT NULL AND r.start <= $as_of AND (r.end IS NULL OR r.end >= $as_of)))))))){1,2} (b)
      RETURN [n IN nodes(p) | {labels: labels(n), props: n {.id, .name, .level, .kind, .type, .status, .category, .signed, .expires, .founded, .members, .start, .end, .title, .party_member},
               in_force: CASE WHEN n:`Contract` THEN (n.status = 'active' OR (n.status = 'terminated' AND n.terminated_on > $as_of)) AND n.signed <= $as_of AND (n.expires IS NULL OR n.expires >= $as_of) END}] AS nodes,
             [e IN relationships(p) | {source: startNode(e).id, target: endNode(e).id, type: type(e),
               props: e {.role, .joined, .title, .start, .end},
               in_term: CASE WHEN e:`SEATED_ON` THEN e.start IS NOT NULL AND e.start <= $as_of AND (e.end IS NULL OR e.end >= $as_of) END}] AS rels

// graph.queries.rosters.ALLIANCE -> alliance
MATCH (al:`Alliance` {id: $id})
  WHERE ($scope IS NULL OR EXISTS {

  CALL (al) {
    WITH al WHERE al:`Area` OR al:`Unit` OR al:`PartyOrg` OR al:`Alliance` RETURN al AS scope_base
    UNION
    MATCH (al:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (al:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (al:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (al:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (al:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (al:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
  OPTIONAL MATCH (al)-[:`HOSTED_BY`]->(host:`Area`)
  OPTIONAL MATCH (lead:`PartyOrg`)-[:`LEADS`]->(al) WHERE ($scope IS NULL OR EXISTS {

  CALL (lead) {
    WITH lead WHERE lead:`Area` OR lead:`Unit` OR lead:`PartyOrg` OR lead:`Alliance` RETURN lead AS scope_base
    UNION
    MATCH (lead:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (lead:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (lead:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (lead:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (lead:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (lead:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
  RETURN al.id AS id, al.name AS name, al.founded AS founded, host.id AS host_id, host.name AS host_name,
         collect(DISTINCT lead {.id, .name}) AS leads

// graph.queries.rosters.ALLIANCE_MEMBERS -> alliance_members
MATCH (m)-[r:`MEMBER_OF`]->(:`Alliance` {id: $id})
  WHERE ($scope IS NULL OR EXISTS {

  CALL (m) {
    WITH m WHERE m:`Area` OR m:`Unit` OR m:`PartyOrg` OR m:`Alliance` RETURN m AS scope_base
    UNION
    MATCH (m:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (m:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (m:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (m:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (m:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (m:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
  WITH m, r ORDER BY m.id
  WITH count(*) AS total, collect({m: m, r: r})[$skip..$skip + $limit] AS page
  CALL (page) {
    UNWIND page AS item
    WITH item.m AS m, item.r AS r
    WITH m, r, CASE WHEN m:`Unit` THEN m ELSE head([holder_path = (m:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(holder_unit:`Unit`)
WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> holder_unit }) | holder_unit]) END AS unit
    RETURN collect({
      id: m.id, name: m.name, type: [l IN labels(m) WHERE l <> 'Entity'][0],
      org_type: m.type, unit_id: unit.id, unit_name: unit.name, unit_kind: unit.kind,
      joined: r.joined, role: r.role
    }) AS rows
  }
  RETURN total, rows

// graph.queries.rosters.COMMITTEE -> committee
MATCH (o:`PartyOrg` {id: $id})
  WHERE ($scope IS NULL OR EXISTS {

  CALL (o) {
    WITH o WHERE o:`Area` OR o:`Unit` OR o:`PartyOrg` OR o:`Alliance` RETURN o AS scope_base
    UNION
    MATCH (o:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (o:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (o:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (o:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (o:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (o:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
  OPTIONAL MATCH (o)-[:`BASED_IN`]->(a:`Area`)
  RETURN o.id AS id, o.name AS name, o.type AS type, a.id AS area_id, a.name AS area_name
  LIMIT 1

// graph.queries.rosters.COMMITTEE_SEATS -> committee_seats
MATCH (p:`Person`)-[s:`SEATED_ON`]->(:`PartyOrg` {id: $id})
  WITH p, s, s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of) AS current
  WHERE current OR $include_past
  WITH p, s, current ORDER BY current DESC, s.start DESC, s.id
  WITH count(*) AS total, collect({p: p, s: s, current: current})[$skip..$skip + $limit] AS page
  CALL (page) {
    UNWIND page AS item
    WITH item.p AS p, item.s AS s, item.current AS current
    OPTIONAL MATCH (p)-[:`WORKS_AT`]->(u:`Unit`) WHERE ($scope IS NULL OR EXISTS {

  CALL (u) {
    WITH u WHERE u:`Area` OR u:`Unit` OR u:`PartyOrg` OR u:`Alliance` RETURN u AS scope_base
    UNION
    MATCH (u:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (u:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (u:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (u:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (u:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (u:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
    WITH p, s, current, head(collect(u)) AS u
    RETURN collect({
      seat_id: s.id, title: s.title, start: s.start, end: s.end, current: current,
      person_id: p.id, person_name: p.name, person_title: p.title, phone: p.phone,
      unit_id: u.id, unit_name: u.name
    }) AS rows
  }
  RETURN total, rows

// graph.queries.rosters.CONTRACT -> contract
MATCH (k:`Contract` {id: $id})
  WHERE ($scope IS NULL OR EXISTS {

  CALL (k) {
    WITH k WHERE k:`Area` OR k:`Unit` OR k:`PartyOrg` OR k:`Alliance` RETURN k AS scope_base
    UNION
    MATCH (k:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (k:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (k:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (k:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (k:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (k:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
  CALL (k) {
    OPTIONAL MATCH (p)-[:`PARTY_TO`]->(k)
    WITH p WHERE p IS NOT NULL AND ($scope IS NULL OR EXISTS {

  CALL (p) {
    WITH p WHERE p:`Area` OR p:`Unit` OR p:`PartyOrg` OR p:`Alliance` RETURN p AS scope_base
    UNION
    MATCH (p:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (p:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (p:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (p:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (p:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (p:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
    WITH p, CASE WHEN p:`Unit` THEN p ELSE head([holder_path = (p:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(holder_unit:`Unit`)
WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> holder_unit }) | holder_unit]) END AS unit
    ORDER BY p.id
    RETURN collect({id: p.id, name: p.name, type: [l IN labels(p) WHERE l <> 'Entity'][0],
                    unit_id: unit.id, unit_name: unit.name}) AS parties
  }
  CALL (k) {
    OPTIONAL MATCH (j:`Project`)-[:`UNDER`]->(k)
    WITH j WHERE j IS NOT NULL
    ORDER BY j.id LIMIT 1000
    RETURN collect(j) AS projects
  }
  WITH k, parties, projects
  RETURN k {.id, .title, .name, .status, .signed, .expires} AS contract, parties,
    [j IN projects | j {
      .id, .title, .status, .start, .end,
      needs: [(j)-[:`MEETS`]->(n:`Need`) WHERE ($scope IS NULL OR EXISTS {

  CALL (n) {
    WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
    UNION
    MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
}) | n.id],
      resources: [(j)-[:`USES`]->(r:`Resource`) WHERE ($scope IS NULL OR EXISTS {

  CALL (r) {
    WITH r WHERE r:`Area` OR r:`Unit` OR r:`PartyOrg` OR r:`Alliance` RETURN r AS scope_base
    UNION
    MATCH (r:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (r:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (r:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (r:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (r:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (r:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
}) | r.id],
      delivered_by: [(j)-[:`DELIVERED_BY`]->(d) WHERE ($scope IS NULL OR EXISTS {

  CALL (d) {
    WITH d WHERE d:`Area` OR d:`Unit` OR d:`PartyOrg` OR d:`Alliance` RETURN d AS scope_base
    UNION
    MATCH (d:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (d:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (d:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (d:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (d:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (d:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
                     | {id: d.id, name: d.name}]
    }] AS projects

// graph.queries.rosters.CONTRACT_NEEDS_RESOURCES -> contract_needs_resources
MATCH (k:`Contract` {id: $id})
  CALL (k) {
    OPTIONAL MATCH (j:`Project`)-[:`UNDER`]->(k), (j)-[:`MEETS`]->(n:`Need`)
    WITH DISTINCT n WHERE n IS NOT NULL AND ($scope IS NULL OR EXISTS {

  CALL (n) {
    WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
    UNION
    MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
    OPTIONAL MATCH (n)-[:`RAISED_BY`]->(by)
    WITH n, head(collect(by)) AS by ORDER BY n.id LIMIT 1000
    RETURN collect({id: n.id, title: coalesce(n.title, n.name), category: n.category,
                    status: n.status, raised_by_id: by.id, raised_by_name: by.name}) AS needs
  }
  CALL (k) {
    OPTIONAL MATCH (j:`Project`)-[:`UNDER`]->(k), (j)-[:`USES`]->(r:`Resource`)
    WITH DISTINCT r WHERE r IS NOT NULL AND ($scope IS NULL OR EXISTS {

  CALL (r) {
    WITH r WHERE r:`Area` OR r:`Unit` OR r:`PartyOrg` OR r:`Alliance` RETURN r AS scope_base
    UNION
    MATCH (r:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (r:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (r:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (r:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (r:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (r:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
    OPTIONAL MATCH (r)-[:`OFFERED_BY`]->(by)
    WITH r, head(collect(by)) AS by ORDER BY r.id LIMIT 1000
    RETURN collect({id: r.id, title: coalesce(r.title, r.name), category: r.category,
                    offered_by_id: by.id, offered_by_name: by.name}) AS resources
  }
  RETURN needs, resources

// graph.queries.scope.CHILD_AREAS -> child_areas
MATCH (c:`Area`)-[:`PART_OF`]->(:`Area` {id: $id})
RETURN c.id AS id, c.name AS name, c.level AS level ORDER BY c.id LIMIT 1000

// graph.queries.scope.ENTITIES_IN_SCOPE -> entities_in_scope
UNWIND $ids AS entity_id
  MATCH (n:`Entity` {id: entity_id})
  WHERE ($scope IS NULL OR EXISTS {

  CALL (n) {
    WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
    UNION
    MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
  RETURN n.id AS id

// graph.queries.scope.GET_AREA -> get_area
MATCH (a:`Area` {id: $id})
OPTIONAL MATCH (a)-[:`PART_OF`]->(parent:`Area`)
RETURN a.id AS id, a.name AS name, a.level AS level, parent.id AS parent

// graph.queries.scope.TOP_AREAS -> top_areas
MATCH (a:`Area`) WHERE NOT EXISTS { (a)-[:`PART_OF`]->() }
RETURN a.id AS id, a.name AS name, a.level AS level ORDER BY a.id LIMIT 1000

// graph.queries.search.EXACT_CANDIDATES -> search_exact_candidates
CALL () {
    MATCH (node:`Entity` {id: $id}) RETURN node, 'id' AS match
    UNION
    MATCH (node:`Unit` {uscc: $uscc}) RETURN node, 'uscc' AS match
  }
  WITH node, match
  WHERE any(label IN labels(node) WHERE label IN $types) AND ($scope IS NULL OR EXISTS {

  CALL (node) {
    WITH node WHERE node:`Area` OR node:`Unit` OR node:`PartyOrg` OR node:`Alliance` RETURN node AS scope_base
    UNION
    MATCH (node:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (node:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (node:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (node:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (node:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (node:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})
  RETURN node.id AS id, node.name AS name, node.aliases AS aliases, node.keys_text AS keys,
         labels(node) AS labels, match
  LIMIT 2

// graph.queries.search.FULLTEXT_CANDIDATES -> search_fulltext_candidates
CALL db.index.fulltext.queryNodes($index, $query, {limit: $cap}) YIELD node, score

RETURN node.id AS id, node.name AS name, node.aliases AS aliases, node.keys_text AS keys,
       labels(node) AS labels, score

// graph.queries.search.FULLTEXT_CANDIDATES_FILTERED -> search_fulltext_candidates_filtered
CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
  WHERE ($type IS NULL OR $type IN labels(node)) AND ($scope IS NULL OR EXISTS {

  CALL (node) {
    WITH node WHERE node:`Area` OR node:`Unit` OR node:`PartyOrg` OR node:`Alliance` RETURN node AS scope_base
    UNION
    MATCH (node:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (node:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (node:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (node:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (node:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (node:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
})

  RETURN node.id AS id, node.name AS name, node.aliases AS aliases, node.keys_text AS keys,
         labels(node) AS labels, score

  LIMIT $cap

// graph.queries.stats.AREA_FIGURES -> stats_area_figures
MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT a
WITH a, [$total] + [(a)-[:`PART_OF`*0..4]->(c:`Area`) WHERE c.id IN $children | c.id]
     AS buckets

    WITH a, buckets, COLLECT { MATCH (al:`Alliance`)-[:`HOSTED_BY`]->(a) RETURN al } AS hosted
    UNWIND buckets AS bucket
    WITH bucket, a, hosted
    WITH bucket,
         count(DISTINCT CASE WHEN a.level = 'street' AND a.joint_meeting = true THEN a END)
           AS joint_meeting_streets,
         count(DISTINCT CASE WHEN a.level = 'community' AND a.joint_meeting = true THEN a END)
           AS joint_meeting_communities,
         collect(hosted) AS hosted
    CALL (hosted) {
      UNWIND hosted AS list
      UNWIND list AS al
      RETURN count(DISTINCT al) AS alliances
    }
    RETURN bucket, alliances, joint_meeting_streets, joint_meeting_communities

// graph.queries.stats.FIGURE_QUERIES[1] -> stats_member_figures
MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT a
WITH a, [$total] + [(a)-[:`PART_OF`*0..4]->(c:`Area`) WHERE c.id IN $children | c.id]
     AS buckets

    CALL (a) {
      MATCH (u:`Unit`)-[:`LOCATED_IN`]->(a)

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

      UNWIND holders AS x
      RETURN x
      UNION
      MATCH (x:`PartyOrg`)-[:`BASED_IN`]->(a)
      RETURN x
    }
    WITH x, buckets, [(x)-[t:`SEATED_ON`|`MEMBER_OF`|`PARTY_TO`|`BASED_IN`]-() | t] AS ties
    WITH x, buckets,
         any(t IN ties WHERE t:`MEMBER_OF` AND startNode(t) = x AND endNode(t):`Alliance`) AS member,
         [s IN ties WHERE s:`SEATED_ON` AND endNode(s) = x AND startNode(s):`Person`
                          AND s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of) | startNode(s)] AS seated,
         [t IN ties WHERE t:`PARTY_TO` AND startNode(t) = x | endNode(t)] AS parties,
         any(t IN ties WHERE t:`BASED_IN` AND startNode(t) = x AND endNode(t):`Area`
                             AND endNode(t).level = 'community') AS in_community
    WITH x, buckets, member, seated, [k IN parties WHERE k:`Contract` AND (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of)] AS contracts,
         x:`PartyOrg` AND seated <> [] AND in_community AS big,
         x:`PartyOrg` AND x.type = 'branch' AS branch
    UNWIND buckets AS bucket
    WITH bucket,
         count(DISTINCT CASE WHEN x:`Unit` THEN x END) AS units,
         count(DISTINCT CASE WHEN x:`PartyOrg` THEN x END) AS party_orgs,
         count(DISTINCT CASE WHEN member THEN x END) AS alliance_members,
         count(DISTINCT CASE WHEN big THEN x END) AS big_committees,
         collect(DISTINCT CASE WHEN branch THEN x END) AS branch_orgs,
         collect(seated) AS seated, collect(contracts) AS contracts
    WITH bucket, units, party_orgs, alliance_members, big_committees, seated, contracts,
         size(branch_orgs) AS branches,
         reduce(n = 0, b IN branch_orgs | n + coalesce(toInteger(b.members), 0)) AS party_members
    CALL (seated) {
      UNWIND seated AS list
      UNWIND list AS p
      RETURN count(DISTINCT p) AS current_seats
    }
    CALL (contracts) {
      UNWIND contracts AS list
      UNWIND list AS k
      RETURN count(DISTINCT k) AS active_contracts
    }
    RETURN bucket, units, party_orgs, alliance_members, big_committees, current_seats, active_contracts,
           branches, party_members

// graph.queries.stats.FIGURE_QUERIES[2] -> stats_linked_figures
CALL () {
      MATCH (k:`Contract`) WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of)
      MATCH (o)-[:`PARTY_TO`]->(k)
      WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

      RETURN 'contract' AS kind, u
      UNION
      MATCH (o)-[:`MEMBER_OF`]->(:`Alliance`)
      WITH collect(DISTINCT o) AS holders

CALL (holders) {
  UNWIND holders AS o
  WITH o, CASE WHEN o:`Unit` THEN [o] ELSE [(o:`PartyOrg`)-[:`BELONGS_TO`]->(x:`Unit`) | x] END AS owners
  CALL (o, owners) {
    WITH o WHERE owners = [] AND o:`PartyOrg`
    MATCH p = (o)-[:`REPORTS_TO`*1..4]->(top:`PartyOrg`)-[:`BELONGS_TO`]->(u:`Unit`)
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS { (n)-[:`BELONGS_TO`]->(:`Unit`) })
      AND COUNT { (top)-[:`BELONGS_TO`]->(:`Unit`) } = 1
    RETURN collect(u) AS walked
  }
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}

      RETURN 'alliance' AS kind, u
      UNION
      MATCH (p:`Person`)-[s:`SEATED_ON`]->() WHERE s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)
      WITH DISTINCT p
      MATCH (p)-[:`WORKS_AT`]->(u:`Unit`)
      RETURN 'committee' AS kind, u
    }
    WITH u, collect(kind) AS kinds
    CALL (u) {
      MATCH (u)-[:`LOCATED_IN`]->(a:`Area`)
      WITH [(a)-[:`PART_OF`*0..4]->(c:`Area`) | c.id] AS chain
      WHERE any(id IN chain WHERE id IN $roots)
      UNWIND [$total] + [id IN chain WHERE id IN $children] AS bucket
      RETURN DISTINCT bucket
    }
    RETURN bucket,
           count(CASE WHEN 'contract' IN kinds THEN 1 END) AS linked_by_contract,
           count(CASE WHEN 'alliance' IN kinds THEN 1 END) AS linked_by_alliance,
           count(CASE WHEN 'committee' IN kinds THEN 1 END) AS linked_by_committee,
           count(*) AS linked_by_any

// graph.queries.subgraph.SUBGRAPH_EDGES -> subgraph_edges
UNWIND $ids AS id
MATCH (a:`Entity` {id: id})-[r]->(b:`Entity`)
WHERE b.id IN $ids
RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props
LIMIT $max_edges

// graph.queries.subgraph.SUBGRAPH_NODES -> subgraph_nodes
CALL () {
      MATCH (root:`Area`) WHERE root.id IN $roots
MATCH (a:`Area`)-[:`PART_OF`*0..4]->(root)
      RETURN collect(DISTINCT a) AS areas
    }
    CALL (areas) {
      UNWIND areas AS a
      MATCH (u:`Unit`)-[:`LOCATED_IN`]->(a)
      WITH DISTINCT u

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}

      RETURN collect(u) AS units, collect(tail(holders)) AS owned_lists
    }
    CALL (areas) {
      UNWIND areas AS a
      OPTIONAL MATCH (o:`PartyOrg`)-[:`BASED_IN`]->(a)
      RETURN collect(DISTINCT o) AS based
    }
    CALL (based, owned_lists) {
      UNWIND owned_lists AS hs
      UNWIND hs AS owned_org
      WITH collect(owned_org) AS owned
      UNWIND based + owned AS o
      RETURN collect(DISTINCT o) AS orgs
    }
    WITH areas, units, orgs
    CALL (areas) {
      UNWIND areas AS a
      OPTIONAL MATCH (al:`Alliance`)-[:`HOSTED_BY`]->(a)
      RETURN collect(DISTINCT al) AS alliances
    }
    WITH areas + units + orgs + alliances AS core
    CALL (core) {
      UNWIND core AS x
      OPTIONAL MATCH (x)-[:`PARTY_TO`]->(k:`Contract`)
      WITH DISTINCT k WHERE k IS NOT NULL
      RETURN collect(k) AS contracts
    }
    CALL (core) {
      UNWIND core AS x
      OPTIONAL MATCH (x)<-[:`RAISED_BY`|`OFFERED_BY`]-(w)
      WITH DISTINCT w WHERE w IS NOT NULL
      RETURN collect(w) AS wants
    }
    CALL (contracts) {
      UNWIND contracts AS k
      OPTIONAL MATCH (j:`Project`)-[:`UNDER`]->(k)
      WITH DISTINCT j WHERE j IS NOT NULL
      RETURN collect(j) AS projects
    }
    WITH core + contracts + wants + projects AS everything
    WITH size(everything) AS total, everything[..$max_nodes] AS kept
    UNWIND kept AS n
    RETURN total, n.id AS id, coalesce(n.name, n.title, n.id) AS label,
           [l IN labels(n) WHERE l <> 'Entity'][0] AS type, properties(n) AS props

// graph.queries.todo.CLAIMS_TO_DECIDE -> todo_claims_to_decide
MATCH (c:`Claim` {status: 'pending'})-[:`CLAIMS`]->(n)
WHERE c.created_by <> $user AND (NOT n:`Need` OR n.status = 'open') AND (CASE WHEN $unit IS NULL THEN ($scope IS NULL OR EXISTS {

    CALL (n) {
      WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
      UNION
      MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) ELSE ($unit IS NOT NULL AND any(unit_side IN [n] + [(n)-[:`RAISED_BY`|`OFFERED_BY`]->(unit_owner)
    | unit_owner] WHERE (unit_side:`Unit` AND unit_side.id = $unit)
       OR EXISTS { (unit_side)-[:`BELONGS_TO`]->(:`Unit` {id: $unit}) })) END)
WITH c, n ORDER BY c.created_at, c.id LIMIT $limit
RETURN c.id AS id, coalesce(n.title, n.name) AS name,
       head([(c)-[:`CLAIMED_BY`]->(x) | x.name]) AS detail,
       date(c.created_at) AS since, duration.inDays(date(c.created_at), $as_of).days AS days
ORDER BY c.created_at, id

// graph.queries.todo.CONTRACTS_TO_RENEW -> todo_contracts_to_renew
MATCH (k:`Contract`)
WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of) AND k.expires <= $as_of + duration({days: $days}) AND NOT EXISTS { (:`Contract`)-[:`RENEWS`]->(k) } AND ($scope IS NULL OR EXISTS {

    CALL (k) {
      WITH k WHERE k:`Area` OR k:`Unit` OR k:`PartyOrg` OR k:`Alliance` RETURN k AS scope_base
      UNION
      MATCH (k:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (k:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (k:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (k:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (k:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (k:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })
WITH k ORDER BY k.expires, k.id LIMIT $limit
RETURN k.id AS id, coalesce(k.title, k.name) AS name,
       head(COLLECT { MATCH (o)-[:`PARTY_TO`]->(k) RETURN o.name AS n ORDER BY n }) AS detail,
       k.expires AS since, duration.inDays($as_of, k.expires).days AS days
ORDER BY since, id

// graph.queries.users.AREA_IN_SCOPE -> area_in_scope
MATCH (a:`Area` {id: $area_id})
RETURN $scope IS NULL OR EXISTS { MATCH (a)-[:`PART_OF`*0..4]->(root:`Area`) WHERE root.id IN $scope } AS in_scope

// graph.queries.users.COUNT_USERS -> count_users
MATCH (u:`User`) RETURN count(u) AS n

// graph.queries.users.CREATE_TOKEN -> create_token
CREATE (t:`ApiToken` {id: $id, user: $username, kind: $kind, hash: $hash, name: $name,
                    created_at: datetime(), expires: $expires, revoked: false})
RETURN t.id AS id, t.kind AS kind, t.name AS name, t.created_at AS created_at, t.expires AS expires

// graph.queries.users.CREATE_USER -> create_user
CREATE (u:`User` {id: $username, role: $role, area_id: $area_id, unit_id: $unit_id, pii: $pii,
                    disabled: false, password_hash: $password_hash, created_at: datetime()})
    RETURN 
u.id AS username, u.role AS role, u.area_id AS area_id, u.unit_id AS unit_id, u.pii AS pii,
u.disabled AS disabled, u.created_at AS created_at

// graph.queries.users.GET_LOGIN -> get_login
MATCH (u:`User` {id: $username})
    RETURN u.password_hash AS password_hash, 
u.id AS username, u.role AS role, u.area_id AS area_id, u.unit_id AS unit_id, u.pii AS pii,
u.disabled AS disabled, u.created_at AS created_at

// graph.queries.users.GET_USER -> get_user
MATCH (u:`User` {id: $username}) RETURN 
u.id AS username, u.role AS role, u.area_id AS area_id, u.unit_id AS unit_id, u.pii AS pii,
u.disabled AS disabled, u.created_at AS created_at

// graph.queries.users.LIST_TOKENS -> list_tokens
MATCH (t:`ApiToken` {user: $username})
RETURN t.id AS id, t.kind AS kind, t.name AS name, t.created_at AS created_at, t.expires AS expires,
       t.revoked AS revoked
ORDER BY t.created_at DESC
LIMIT $limit

// graph.queries.users.LIST_USERS -> list_users
MATCH (u:`User`)
    WHERE $scope IS NULL
       OR EXISTS { MATCH (home:`Area` {id: u.area_id}) WHERE EXISTS { MATCH (home)-[:`PART_OF`*0..4]->(root:`Area`) WHERE root.id IN $scope } }
       OR EXISTS { MATCH (unit:`Unit` {id: u.unit_id}) WHERE ($scope IS NULL OR EXISTS {

    CALL (unit) {
      WITH unit WHERE unit:`Area` OR unit:`Unit` OR unit:`PartyOrg` OR unit:`Alliance` RETURN unit AS scope_base
      UNION
      MATCH (unit:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (unit:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (unit:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (unit:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (unit:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (unit:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  }) }
    RETURN 
u.id AS username, u.role AS role, u.area_id AS area_id, u.unit_id AS unit_id, u.pii AS pii,
u.disabled AS disabled, u.created_at AS created_at

    ORDER BY u.id
    LIMIT $limit

// graph.queries.users.PRUNE_TOKENS -> prune_tokens
MATCH (t:`ApiToken`)
WHERE t.expires < $cutoff OR t.revoked_at < $cutoff
WITH t LIMIT $batch
DETACH DELETE t
RETURN count(*) AS n

// graph.queries.users.REVOKE_TOKEN -> revoke_token
MATCH (t:`ApiToken` {id: $id})
WHERE $username IS NULL OR t.user = $username
SET t.revoked = true, t.revoked_at = coalesce(t.revoked_at, datetime())
RETURN t.id AS id, t.user AS user

// graph.queries.users.REVOKE_USER_TOKENS -> revoke_user_tokens
MATCH (t:`ApiToken` {user: $username})
WHERE NOT t.revoked AND ($keep IS NULL OR t.id <> $keep)
SET t.revoked = true, t.revoked_at = datetime()
RETURN count(t) AS n

// graph.queries.users.SET_PASSWORD_HASH -> set_password_hash
MATCH (u:`User` {id: $username})
SET u.password_hash = $password_hash, u.password_changed_at = datetime()
RETURN u.id AS username

// graph.queries.users.TOKEN_OWNER -> token_owner
MATCH (t:`ApiToken` {id: $id}) RETURN t.user AS user

// graph.queries.users.UNIT_IN_SCOPE -> unit_in_scope
MATCH (unit:`Unit` {id: $unit_id})
  RETURN ($scope IS NULL OR EXISTS {

  CALL (unit) {
    WITH unit WHERE unit:`Area` OR unit:`Unit` OR unit:`PartyOrg` OR unit:`Alliance` RETURN unit AS scope_base
    UNION
    MATCH (unit:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
    RETURN scope_base
    UNION
    MATCH (unit:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
    UNION
    MATCH (unit:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (unit:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
    UNION
    MATCH (unit:`Project`)-[:`UNDER`]->(:`Contract`)
          <-[:`PARTY_TO`]-(scope_base)
    RETURN scope_base
    UNION
    MATCH (unit:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
  }


  CALL (scope_base) {
    WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
    UNION
    MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
    UNION
    MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
    WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
       OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
    WITH scope_org ORDER BY length(scope_chain) LIMIT 1
    WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
    UNWIND CASE WHEN scope_based = []
                THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                      -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                ELSE scope_based END AS scope_home
    RETURN scope_home
  }

  MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
  WHERE scope_root.id IN $scope
}) AS in_scope

// graph.queries.users.UPDATE_USER -> update_user
MATCH (u:`User` {id: $username})
    SET u += $changes, u.updated_at = datetime()
    RETURN 
u.id AS username, u.role AS role, u.area_id AS area_id, u.unit_id AS unit_id, u.pii AS pii,
u.disabled AS disabled, u.created_at AS created_at

// graph.queries.users.VERIFY_TOKEN -> verify_token
MATCH (t:`ApiToken` {id: $id})
    WHERE t.kind = $kind AND NOT t.revoked AND t.expires > datetime()
    MATCH (u:`User` {id: t.user})
    WHERE NOT u.disabled
    RETURN t.hash AS hash, 
u.id AS username, u.role AS role, u.area_id AS area_id, u.unit_id AS unit_id, u.pii AS pii,
u.disabled AS disabled, u.created_at AS created_at

// graph.queries.warnings.ALLIANCES_IDLE -> warnings_alliances_idle
MATCH (al:`Alliance`) WHERE ($scope IS NULL OR EXISTS {

    CALL (al) {
      WITH al WHERE al:`Area` OR al:`Unit` OR al:`PartyOrg` OR al:`Alliance` RETURN al AS scope_base
      UNION
      MATCH (al:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (al:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (al:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (al:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (al:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (al:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })
WITH al, COLLECT {
  WITH al WHERE al.founded <= $as_of RETURN al.founded AS d
  UNION
  MATCH ()-[j:`MEMBER_OF`]->(al) WHERE j.joined <= $as_of RETURN j.joined AS d
} AS dates
WITH al, reduce(last = null, d IN dates | CASE WHEN last IS NULL OR d > last THEN d ELSE last END) AS since
WHERE since <= $as_of - duration({days: $days})
WITH al, since ORDER BY since, al.id LIMIT $limit
RETURN al.id AS id, al.name AS name,
       [(al)-[:`HOSTED_BY`]->(h:`Area`) | h.name][..5] AS detail,
       since, duration.inDays(since, $as_of).days AS days, COLLECT {

    CALL (al) {
      WITH al WHERE al:`Area` OR al:`Unit` OR al:`PartyOrg` OR al:`Alliance` RETURN al AS scope_base
      UNION
      MATCH (al:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (al:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (al:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (al:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (al:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (al:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $children
    RETURN DISTINCT scope_root.id
  } AS areas
ORDER BY since, id

// graph.queries.warnings.CLAIMS_PENDING -> warnings_claims_pending
MATCH (c:`Claim` {status: 'pending'})-[:`CLAIMS`]->(n:`Need`)
WITH c, n, date(c.created_at) AS since
WHERE since <= $as_of - duration({days: $days}) AND ($scope IS NULL OR EXISTS {

    CALL (n) {
      WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
      UNION
      MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })
WITH c, n, since ORDER BY since, c.id LIMIT $limit
RETURN c.id AS id, coalesce(n.title, n.name) AS name,
       [(c)-[:`CLAIMED_BY`]->(x) | x.name][..5] AS detail,
       since, duration.inDays(since, $as_of).days AS days, COLLECT {

    CALL (n) {
      WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
      UNION
      MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $children
    RETURN DISTINCT scope_root.id
  } AS areas
ORDER BY since, id

// graph.queries.warnings.COMMITTEES_UNSEATED -> warnings_committees_unseated
MATCH (o:`PartyOrg`)-[:`BASED_IN`]->(m:`Area` {level: 'community'})
WHERE EXISTS { ()-[:`SEATED_ON`]->(o) }
  AND NOT EXISTS { ()-[s:`SEATED_ON`]->(o) WHERE s.start IS NOT NULL AND s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of) }
  AND ($scope IS NULL OR EXISTS {

    CALL (o) {
      WITH o WHERE o:`Area` OR o:`Unit` OR o:`PartyOrg` OR o:`Alliance` RETURN o AS scope_base
      UNION
      MATCH (o:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (o:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (o:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (o:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (o:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (o:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })
WITH o, m, COLLECT { MATCH ()-[s:`SEATED_ON`]->(o) WHERE s.end < $as_of RETURN s.end } AS ends
WITH o, m, CASE WHEN ends = [] THEN null
                ELSE reduce(last = ends[0], e IN ends | CASE WHEN e > last THEN e ELSE last END) END AS since
WITH o, m, since ORDER BY since, o.id LIMIT $limit
RETURN o.id AS id, o.name AS name, [m.name] AS detail, since,
       CASE WHEN since IS NULL THEN null ELSE duration.inDays(since, $as_of).days END AS days,
       COLLECT {

    CALL (o) {
      WITH o WHERE o:`Area` OR o:`Unit` OR o:`PartyOrg` OR o:`Alliance` RETURN o AS scope_base
      UNION
      MATCH (o:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (o:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (o:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (o:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (o:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (o:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $children
    RETURN DISTINCT scope_root.id
  } AS areas
ORDER BY since, id

// graph.queries.warnings.CONTRACTS_EXPIRING -> warnings_contracts_expiring
MATCH (k:`Contract`)
WHERE (k.status = 'active' OR (k.status = 'terminated' AND k.terminated_on > $as_of)) AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of) AND k.expires <= $as_of + duration({days: $days}) AND NOT EXISTS { (:`Contract`)-[:`RENEWS`]->(k) } AND ($scope IS NULL OR EXISTS {

    CALL (k) {
      WITH k WHERE k:`Area` OR k:`Unit` OR k:`PartyOrg` OR k:`Alliance` RETURN k AS scope_base
      UNION
      MATCH (k:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (k:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (k:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (k:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (k:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (k:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })
WITH k ORDER BY k.expires, k.id LIMIT $limit
RETURN k.id AS id, coalesce(k.title, k.name) AS name,
       COLLECT { MATCH (o)-[:`PARTY_TO`]->(k) RETURN o.name AS n ORDER BY n LIMIT 5 } AS detail,
       k.expires AS since, duration.inDays($as_of, k.expires).days AS days, COLLECT {

    CALL (k) {
      WITH k WHERE k:`Area` OR k:`Unit` OR k:`PartyOrg` OR k:`Alliance` RETURN k AS scope_base
      UNION
      MATCH (k:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (k:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (k:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (k:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (k:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (k:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $children
    RETURN DISTINCT scope_root.id
  } AS areas
ORDER BY since, id

// graph.queries.warnings.NEEDS_UNCLAIMED -> warnings_needs_unclaimed
MATCH (n:`Need` {status: 'open'})
WHERE NOT EXISTS { (:`Claim` {status: 'pending'})-[:`CLAIMS`]->(n) }
WITH n, coalesce(n.raised_on, date(n.loaded_at)) AS since
WHERE since <= $as_of - duration({days: $days}) AND ($scope IS NULL OR EXISTS {

    CALL (n) {
      WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
      UNION
      MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $scope
  })
WITH n, since ORDER BY since, n.id LIMIT $limit
RETURN n.id AS id, coalesce(n.title, n.name) AS name,
       [(n)-[:`RAISED_BY`]->(r) | r.name][..5] AS detail,
       since, duration.inDays(since, $as_of).days AS days, COLLECT {

    CALL (n) {
      WITH n WHERE n:`Area` OR n:`Unit` OR n:`PartyOrg` OR n:`Alliance` RETURN n AS scope_base
      UNION
      MATCH (n:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (n:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $children
    RETURN DISTINCT scope_root.id
  } AS areas
ORDER BY since, id

// graph.queries.warnings.UNITS_UNLINKED -> warnings_units_unlinked
CALL () {

MATCH (root:`Area`) WHERE root.id IN $scope
MATCH (u:`Unit`)-[:`LOCATED_IN`]->(:`Area`)-[:`PART_OF`*0..4]->(root)
WITH DISTINCT u

  RETURN u
  UNION
  MATCH (u:`Unit`) WHERE $scope IS NULL RETURN u
}

CALL (u) {
  OPTIONAL MATCH holder_path = (holder_org:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(:`PartyOrg`)-[:`BELONGS_TO`]->(u)
  WHERE all(holder_node IN nodes(holder_path) WHERE NOT EXISTS { (holder_node)-[:`BELONGS_TO`]->(holder_other:`Unit`) WHERE holder_other <> u })
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [u] + orgs AS holders
}


WITH u, holders
WHERE CASE $by
        WHEN 'contract' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) })
        WHEN 'alliance' THEN NOT any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) })
        WHEN 'committee' THEN NOT EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }
        ELSE NOT (any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`PARTY_TO`]->(link_contract:`Contract`) WHERE (link_contract.status = 'active' OR (link_contract.status = 'terminated' AND link_contract.terminated_on > $as_of)) AND link_contract.signed <= $as_of AND (link_contract.expires IS NULL OR link_contract.expires >= $as_of) }) OR any(link_holder IN holders WHERE EXISTS { (link_holder)-[:`MEMBER_OF`]->(:`Alliance`) }) OR EXISTS {
    (seat_person:`Person`)-[:`WORKS_AT`]->(u)
    WHERE EXISTS {
      (seat_person)-[seat:`SEATED_ON`]->(:`PartyOrg`) WHERE seat.start IS NOT NULL AND seat.start <= $as_of AND (seat.end IS NULL OR seat.end >= $as_of)
    }
  }) END

WITH u ORDER BY u.id LIMIT $limit
RETURN u.id AS id, u.name AS name,
       [(u)-[:`LOCATED_IN`]->(a:`Area`) | a.name][..5] AS detail,
       null AS since, null AS days, COLLECT {

    CALL (u) {
      WITH u WHERE u:`Area` OR u:`Unit` OR u:`PartyOrg` OR u:`Alliance` RETURN u AS scope_base
      UNION
      MATCH (u:`Person`)-[:`WORKS_AT`|`SEATED_ON`]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (u:`Contract`)<-[:`PARTY_TO`]-(scope_base) RETURN scope_base
      UNION
      MATCH (u:`Need`)-[:`RAISED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (u:`Resource`)-[:`OFFERED_BY`]->(scope_base) RETURN scope_base
      UNION
      MATCH (u:`Project`)-[:`UNDER`]->(:`Contract`)
            <-[:`PARTY_TO`]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (u:`Project`)-[:`DELIVERED_BY`]->(scope_base) RETURN scope_base
    }


    CALL (scope_base) {
      WITH scope_base WHERE scope_base:`Area` RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:`Unit`)-[:`LOCATED_IN`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH (scope_base:`Alliance`)-[:`HOSTED_BY`]->(scope_home:`Area`) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:`PartyOrg`)-[:`REPORTS_TO`*0..4]->(scope_org:`PartyOrg`)
      WHERE EXISTS { (scope_org)-[:`BASED_IN`]->(:`Area`) }
         OR EXISTS { (scope_org)-[:`BELONGS_TO`]->(:`Unit`)-[:`LOCATED_IN`]->(:`Area`) }
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:`BASED_IN`]->(scope_a:`Area`) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:`BELONGS_TO`]->(:`Unit`)
                        -[:`LOCATED_IN`]->(scope_a:`Area`) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }

    MATCH (scope_home)-[:`PART_OF`*0..4]->(scope_root:`Area`)
    WHERE scope_root.id IN $children
    RETURN DISTINCT scope_root.id
  } AS areas
ORDER BY id

// graph.queries.writes.merge_new_nodes(label=Label.UNIT) -> merge_new_Unit_nodes
UNWIND $rows AS row
MERGE (n:`Unit` {id: row.id})
SET n:`Entity`, n += row.props, n += row.prov, n += $load
RETURN count(*) AS n

// graph.queries.writes.merge_new_rels(rel=Rel.MEMBER_OF, src=Label.UNIT, dst=Label.UNIT) -> merge_new_MEMBER_OF_Unit_Unit
UNWIND $rows AS row
MATCH (a:`Unit` {id: row.src}) USING INDEX a:`Unit`(id) MATCH (b:`Unit` {id: row.dst}) USING INDEX b:`Unit`(id)
MERGE (a)-[r:`MEMBER_OF` {id: row.id}]->(b)
SET r += row.props, r += row.prov, r += $load
RETURN count(*) AS n

// graph.queries.writes.merge_node_rows(label=Label.UNIT) -> merge_Unit_nodes_rows
UNWIND $rows AS row
OPTIONAL MATCH (old:`Unit` {id: row.id}) USING INDEX old:`Unit`(id)
WITH row, old, [] AS kept
WITH row, old, kept,
     CASE WHEN old IS NULL THEN 'added'
          WHEN all(k IN keys(row.props) WHERE coalesce(old[k] = row.props[k], old[k] IS NULL AND row.props[k] IS NULL)) THEN 'unchanged'
          ELSE 'updated' END AS outcome
MERGE (n:`Unit` {id: row.id})
SET n:`Entity`
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  SET n += row.props, n += row.prov, n += $load)
RETURN row.id AS id, outcome, kept

// graph.queries.writes.merge_nodes(label=Label.UNIT) -> merge_Unit_nodes
UNWIND $rows AS row
OPTIONAL MATCH (old:`Unit` {id: row.id}) USING INDEX old:`Unit`(id)
WITH row, old, [] AS kept
WITH row, old, kept,
     CASE WHEN old IS NULL THEN 'added'
          WHEN all(k IN keys(row.props) WHERE coalesce(old[k] = row.props[k], old[k] IS NULL AND row.props[k] IS NULL)) THEN 'unchanged'
          ELSE 'updated' END AS outcome
MERGE (n:`Unit` {id: row.id})
SET n:`Entity`
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  SET n += row.props, n += row.prov)
RETURN outcome, count(*) AS n

// graph.queries.writes.merge_rel_rows(rel=Rel.MEMBER_OF, src=Label.UNIT, dst=Label.UNIT) -> merge_MEMBER_OF_Unit_Unit_rows
UNWIND $rows AS row
MATCH (a:`Unit` {id: row.src}) USING INDEX a:`Unit`(id) MATCH (b:`Unit` {id: row.dst}) USING INDEX b:`Unit`(id)
OPTIONAL MATCH (a)-[old:`MEMBER_OF` {id: row.id}]->(b)
WITH row, a, b, old,
     CASE WHEN old IS NULL THEN 'added'
          WHEN all(k IN keys(row.props) WHERE coalesce(old[k] = row.props[k], old[k] IS NULL AND row.props[k] IS NULL)) THEN 'unchanged'
          ELSE 'updated' END AS outcome
MERGE (a)-[r:`MEMBER_OF` {id: row.id}]->(b)
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  SET r += row.props, r += row.prov, r += $load)
RETURN row.src AS src, row.dst AS dst, row.id AS id, outcome

// graph.queries.writes.merge_rels(rel=Rel.MEMBER_OF, src=Label.UNIT, dst=Label.UNIT) -> merge_MEMBER_OF_Unit_Unit
UNWIND $rows AS row
MATCH (a:`Unit` {id: row.src}) USING INDEX a:`Unit`(id) MATCH (b:`Unit` {id: row.dst}) USING INDEX b:`Unit`(id)
OPTIONAL MATCH (a)-[old:`MEMBER_OF` {id: row.id}]->(b)
WITH row, a, b, old,
     CASE WHEN old IS NULL THEN 'added'
          WHEN all(k IN keys(row.props) WHERE coalesce(old[k] = row.props[k], old[k] IS NULL AND row.props[k] IS NULL)) THEN 'unchanged'
          ELSE 'updated' END AS outcome
MERGE (a)-[r:`MEMBER_OF` {id: row.id}]->(b)
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  SET r += row.props, r += row.prov)
RETURN outcome, count(*) AS n
