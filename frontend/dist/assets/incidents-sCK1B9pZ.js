import{H as l,s as u,i as h,l as m,a as p,u as b,b as c,c as g,A as r,d as i,e as $,r as v,t as f,f as k}from"./index-VjxagDd3.js";const y=5e3,w=5;class _ extends l{constructor(){super(),this.timer=0,this.panelKey="",this.unsubEvents=null,this.areas=[],this.compact=!1,this.incidents=null,this.loadError="",this.busy="",this.outcome={}}static{this.properties={...l.properties,areas:{attribute:!1},compact:{type:Boolean},incidents:{state:!0},loadError:{state:!0},busy:{state:!0},outcome:{state:!0}}}static{this.styles=[u,h`
      article {
        border-left: 4px solid var(--danger);
        padding: 0.5rem 0.7rem;
        margin: 0.5rem 0;
        background: var(--bg);
        border-radius: 6px;
      }
      article.acknowledged {
        border-color: var(--ok);
      }
      h3 {
        margin: 0;
        font-size: 1rem;
      }
      .meta {
        margin: 0.2rem 0 0.4rem;
      }
      ul {
        list-style: none;
        margin: 0.3rem 0;
        padding: 0;
      }
      li {
        margin: 0.2rem 0;
        overflow-wrap: anywhere;
      }
      .badge.ok {
        background: var(--ok);
        border-color: var(--ok);
        color: #fff;
      }
      details {
        margin-top: 0.5rem;
      }
      summary {
        cursor: pointer;
        padding: 0.3rem 0;
      }
    `]}hubConnected(){this.load(),this.timer=window.setInterval(()=>{this.load()},y),this.hub.user?.is_admin&&this.hub.conn.subscribeEvents(()=>{this.load()},"alarm_escalation").then(t=>this.unsubEvents=t).catch(()=>{})}disconnectedCallback(){super.disconnectedCallback(),clearInterval(this.timer),this.unsubEvents?.(),this.unsubEvents=null}willUpdate(){const t=Object.values(this.hub.entities).filter(e=>e.entity_id.startsWith("alarm_control_panel.")).map(e=>`${e.entity_id}=${e.state}`).join();if(t!==this.panelKey){const e=this.panelKey==="";this.panelKey=t,e||this.load()}}async load(){try{const t=await m(this.hub);this.incidents=t.filter(e=>e.status!=="resolved").sort((e,a)=>a.started.localeCompare(e.started)),this.loadError=""}catch(t){this.incidents=null,this.loadError=p(t)?b("The incident list (alarm/incidents)"):c(t).text}}async acknowledge(t){this.busy=t.incident_id;let e;try{e=(await g(this.hub,t.incident_id)).length?{ok:!0,text:"Acknowledged — escalation stopped."}:{ok:!0,text:"Already acknowledged."}}catch(a){const n=c(a);e={ok:!1,text:n.kind==="not_found"?"This incident is no longer open.":n.text}}this.outcome={...this.outcome,[t.incident_id]:e},this.busy="",await this.load()}areaName(t){const e=`alarm_control_panel.${t}`;return this.hub.entities[e]?this.hub.name(e):t.replace(/_/g," ")}render(){if(this.loadError)return this.compact?r:i`<p class="muted" data-testid="incident-error">${this.loadError}</p>`;if(this.incidents===null)return this.compact?r:i`<p class="muted">Loading incidents…</p>`;const t=this.incidents.filter(s=>!this.areas.length||this.areas.includes(s.area)),e=t.filter(s=>s.status==="active"),a=t.filter(s=>s.status!=="active"),n=[...e,...a.filter(s=>this.outcome[s.incident_id])],d=a.filter(s=>!this.outcome[s.incident_id]).slice(0,w);return this.compact?n.length?n.map(s=>this.renderIncident(s)):r:i`
      ${n.length?n.map(s=>this.renderIncident(s)):i`<p data-testid="no-incidents">No open incidents.</p>`}
      ${d.length?i`<details>
            <summary>Acknowledged incidents (${d.length}${a.length>d.length?` of ${a.length}`:""})</summary>
            ${d.map(s=>this.renderIncident(s))}
          </details>`:r}
    `}renderIncident(t){const e=`incident-${t.incident_id}`,a=t.status==="active",n=this.outcome[t.incident_id],d=[...new Set(t.deliveries.map(o=>o.tier))],s=a&&t.tier>=0&&!d.includes(t.tier);return i`<article
      class=${a?"":"acknowledged"}
      aria-labelledby=${e}
      data-testid="incident"
      data-status=${t.status}
    >
      <h3 id=${e}>
        ${$(t.kind)} in ${this.areaName(t.area)}${t.sensor?i` · ${t.sensor}`:r}
        ${t.confirmed?r:i`<span class="badge">Unconfirmed</span>`}
      </h3>
      <div class="meta small muted">
        <span title=${v(t.started)}>Started ${f(t.started)}</span> ·
        <span data-testid="incident-tier">${this.tierText(t)}</span>
        ${a?r:i` · <span>acknowledged by ${k(this.hub,t.acknowledged_by)}</span>`}
      </div>
      ${t.deliveries.length||s?i`<ul aria-label="Notification deliveries" data-testid="deliveries">
            ${t.deliveries.map(o=>i`<li>
                <span class="badge ${o.status==="delivered"?"ok":"bad"}">${o.status==="delivered"?"Delivered":"Failed"}</span>
                Tier ${o.tier+1} · ${o.channel}${o.error?i` <span class="muted">— ${o.error}</span>`:r}
              </li>`)}
            ${s?i`<li class="muted">Tier ${t.tier+1}: notifications going out…</li>`:r}
          </ul>`:r}
      ${a?i`<button class="primary" ?disabled=${this.busy===t.incident_id} @click=${()=>this.acknowledge(t)}>
            Acknowledge
          </button>`:r}
      ${n?i`<p class=${n.ok?"small":"small error"} role=${n.ok?"status":"alert"} data-testid="ack-message">
            ${n.text}
          </p>`:r}
    </article>`}tierText(t){if(!t.policy)return"no escalation policy";if(t.tier<0)return"escalation starting";const e=`escalation tier ${t.tier+1}`;return t.status==="active"?e:`${e} (stopped)`}}customElements.define("bastion-incidents",_);export{_ as IncidentList};
