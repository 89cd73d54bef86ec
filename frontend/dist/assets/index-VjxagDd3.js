const W=globalThis,nt=W.ShadowRoot&&(W.ShadyCSS===void 0||W.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,at=Symbol(),pt=new WeakMap;let It=class{constructor(t,e,s){if(this._$cssResult$=!0,s!==at)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=t,this.t=e}get styleSheet(){let t=this.o;const e=this.t;if(nt&&t===void 0){const s=e!==void 0&&e.length===1;s&&(t=pt.get(e)),t===void 0&&((this.o=t=new CSSStyleSheet).replaceSync(this.cssText),s&&pt.set(e,t))}return t}toString(){return this.cssText}};const Ht=i=>new It(typeof i=="string"?i:i+"",void 0,at),_=(i,...t)=>{const e=i.length===1?i[0]:t.reduce((s,r,n)=>s+(a=>{if(a._$cssResult$===!0)return a.cssText;if(typeof a=="number")return a;throw Error("Value passed to 'css' function must be a 'css' function result: "+a+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(r)+i[n+1],i[0]);return new It(e,i,at)},se=(i,t)=>{if(nt)i.adoptedStyleSheets=t.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(const e of t){const s=document.createElement("style"),r=W.litNonce;r!==void 0&&s.setAttribute("nonce",r),s.textContent=e.cssText,i.appendChild(s)}},mt=nt?i=>i:i=>i instanceof CSSStyleSheet?(t=>{let e="";for(const s of t.cssRules)e+=s.cssText;return Ht(e)})(i):i;const{is:ie,defineProperty:re,getOwnPropertyDescriptor:ne,getOwnPropertyNames:ae,getOwnPropertySymbols:oe,getPrototypeOf:ce}=Object,Z=globalThis,bt=Z.trustedTypes,le=bt?bt.emptyScript:"",de=Z.reactiveElementPolyfillSupport,L=(i,t)=>i,st={toAttribute(i,t){switch(t){case Boolean:i=i?le:null;break;case Object:case Array:i=i==null?i:JSON.stringify(i)}return i},fromAttribute(i,t){let e=i;switch(t){case Boolean:e=i!==null;break;case Number:e=i===null?null:Number(i);break;case Object:case Array:try{e=JSON.parse(i)}catch{e=null}}return e}},zt=(i,t)=>!ie(i,t),ft={attribute:!0,type:String,converter:st,reflect:!1,useDefault:!1,hasChanged:zt};Symbol.metadata??=Symbol("metadata"),Z.litPropertyMetadata??=new WeakMap;let C=class extends HTMLElement{static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(t,e=ft){if(e.state&&(e.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(t)&&((e=Object.create(e)).wrapped=!0),this.elementProperties.set(t,e),!e.noAccessor){const s=Symbol(),r=this.getPropertyDescriptor(t,s,e);r!==void 0&&re(this.prototype,t,r)}}static getPropertyDescriptor(t,e,s){const{get:r,set:n}=ne(this.prototype,t)??{get(){return this[e]},set(a){this[e]=a}};return{get:r,set(a){const o=r?.call(this);n?.call(this,a),this.requestUpdate(t,o,s)},configurable:!0,enumerable:!0}}static getPropertyOptions(t){return this.elementProperties.get(t)??ft}static _$Ei(){if(this.hasOwnProperty(L("elementProperties")))return;const t=ce(this);t.finalize(),t.l!==void 0&&(this.l=[...t.l]),this.elementProperties=new Map(t.elementProperties)}static finalize(){if(this.hasOwnProperty(L("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(L("properties"))){const e=this.properties,s=[...ae(e),...oe(e)];for(const r of s)this.createProperty(r,e[r])}const t=this[Symbol.metadata];if(t!==null){const e=litPropertyMetadata.get(t);if(e!==void 0)for(const[s,r]of e)this.elementProperties.set(s,r)}this._$Eh=new Map;for(const[e,s]of this.elementProperties){const r=this._$Eu(e,s);r!==void 0&&this._$Eh.set(r,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(t){const e=[];if(Array.isArray(t)){const s=new Set(t.flat(1/0).reverse());for(const r of s)e.unshift(mt(r))}else t!==void 0&&e.push(mt(t));return e}static _$Eu(t,e){const s=e.attribute;return s===!1?void 0:typeof s=="string"?s:typeof t=="string"?t.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(t=>this.enableUpdating=t),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(t=>t(this))}addController(t){(this._$EO??=new Set).add(t),this.renderRoot!==void 0&&this.isConnected&&t.hostConnected?.()}removeController(t){this._$EO?.delete(t)}_$E_(){const t=new Map,e=this.constructor.elementProperties;for(const s of e.keys())this.hasOwnProperty(s)&&(t.set(s,this[s]),delete this[s]);t.size>0&&(this._$Ep=t)}createRenderRoot(){const t=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return se(t,this.constructor.elementStyles),t}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(t=>t.hostConnected?.())}enableUpdating(t){}disconnectedCallback(){this._$EO?.forEach(t=>t.hostDisconnected?.())}attributeChangedCallback(t,e,s){this._$AK(t,s)}_$ET(t,e){const s=this.constructor.elementProperties.get(t),r=this.constructor._$Eu(t,s);if(r!==void 0&&s.reflect===!0){const n=(s.converter?.toAttribute!==void 0?s.converter:st).toAttribute(e,s.type);this._$Em=t,n==null?this.removeAttribute(r):this.setAttribute(r,n),this._$Em=null}}_$AK(t,e){const s=this.constructor,r=s._$Eh.get(t);if(r!==void 0&&this._$Em!==r){const n=s.getPropertyOptions(r),a=typeof n.converter=="function"?{fromAttribute:n.converter}:n.converter?.fromAttribute!==void 0?n.converter:st;this._$Em=r;const o=a.fromAttribute(e,n.type);this[r]=o??this._$Ej?.get(r)??o,this._$Em=null}}requestUpdate(t,e,s,r=!1,n){if(t!==void 0){const a=this.constructor;if(r===!1&&(n=this[t]),s??=a.getPropertyOptions(t),!((s.hasChanged??zt)(n,e)||s.useDefault&&s.reflect&&n===this._$Ej?.get(t)&&!this.hasAttribute(a._$Eu(t,s))))return;this.C(t,e,s)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(t,e,{useDefault:s,reflect:r,wrapped:n},a){s&&!(this._$Ej??=new Map).has(t)&&(this._$Ej.set(t,a??e??this[t]),n!==!0||a!==void 0)||(this._$AL.has(t)||(this.hasUpdated||s||(e=void 0),this._$AL.set(t,e)),r===!0&&this._$Em!==t&&(this._$Eq??=new Set).add(t))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}const t=this.scheduleUpdate();return t!=null&&await t,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(const[r,n]of this._$Ep)this[r]=n;this._$Ep=void 0}const s=this.constructor.elementProperties;if(s.size>0)for(const[r,n]of s){const{wrapped:a}=n,o=this[r];a!==!0||this._$AL.has(r)||o===void 0||this.C(r,void 0,n,o)}}let t=!1;const e=this._$AL;try{t=this.shouldUpdate(e),t?(this.willUpdate(e),this._$EO?.forEach(s=>s.hostUpdate?.()),this.update(e)):this._$EM()}catch(s){throw t=!1,this._$EM(),s}t&&this._$AE(e)}willUpdate(t){}_$AE(t){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(t)),this.updated(t)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(t){return!0}update(t){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(t){}firstUpdated(t){}};C.elementStyles=[],C.shadowRootOptions={mode:"open"},C[L("elementProperties")]=new Map,C[L("finalized")]=new Map,de?.({ReactiveElement:C}),(Z.reactiveElementVersions??=[]).push("2.1.2");const ot=globalThis,gt=i=>i,K=ot.trustedTypes,yt=K?K.createPolicy("lit-html",{createHTML:i=>i}):void 0,jt="$lit$",k=`lit$${Math.random().toFixed(9).slice(2)}$`,qt="?"+k,he=`<${qt}>`,A=document,I=()=>A.createComment(""),H=i=>i===null||typeof i!="object"&&typeof i!="function",ct=Array.isArray,ue=i=>ct(i)||typeof i?.[Symbol.iterator]=="function",tt=`[ 	
\f\r]`,U=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,vt=/-->/g,_t=/>/g,E=RegExp(`>|${tt}(?:([^\\s"'>=/]+)(${tt}*=${tt}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),$t=/'/g,wt=/"/g,Vt=/^(?:script|style|textarea|title)$/i,Bt=i=>(t,...e)=>({_$litType$:i,strings:t,values:e}),c=Bt(1),Ft=Bt(2),T=Symbol.for("lit-noChange"),h=Symbol.for("lit-nothing"),kt=new WeakMap,x=A.createTreeWalker(A,129);function Wt(i,t){if(!ct(i)||!i.hasOwnProperty("raw"))throw Error("invalid template strings array");return yt!==void 0?yt.createHTML(t):t}const pe=(i,t)=>{const e=i.length-1,s=[];let r,n=t===2?"<svg>":t===3?"<math>":"",a=U;for(let o=0;o<e;o++){const l=i[o];let p,u,d=-1,m=0;for(;m<l.length&&(a.lastIndex=m,u=a.exec(l),u!==null);)m=a.lastIndex,a===U?u[1]==="!--"?a=vt:u[1]!==void 0?a=_t:u[2]!==void 0?(Vt.test(u[2])&&(r=RegExp("</"+u[2],"g")),a=E):u[3]!==void 0&&(a=E):a===E?u[0]===">"?(a=r??U,d=-1):u[1]===void 0?d=-2:(d=a.lastIndex-u[2].length,p=u[1],a=u[3]===void 0?E:u[3]==='"'?wt:$t):a===wt||a===$t?a=E:a===vt||a===_t?a=U:(a=E,r=void 0);const b=a===E&&i[o+1].startsWith("/>")?" ":"";n+=a===U?l+he:d>=0?(s.push(p),l.slice(0,d)+jt+l.slice(d)+k+b):l+k+(d===-2?o:b)}return[Wt(i,n+(i[e]||"<?>")+(t===2?"</svg>":t===3?"</math>":"")),s]};class z{constructor({strings:t,_$litType$:e},s){let r;this.parts=[];let n=0,a=0;const o=t.length-1,l=this.parts,[p,u]=pe(t,e);if(this.el=z.createElement(p,s),x.currentNode=this.el.content,e===2||e===3){const d=this.el.content.firstChild;d.replaceWith(...d.childNodes)}for(;(r=x.nextNode())!==null&&l.length<o;){if(r.nodeType===1){if(r.hasAttributes())for(const d of r.getAttributeNames())if(d.endsWith(jt)){const m=u[a++],b=r.getAttribute(d).split(k),y=/([.?@])?(.*)/.exec(m);l.push({type:1,index:n,name:y[2],strings:b,ctor:y[1]==="."?be:y[1]==="?"?fe:y[1]==="@"?ge:Q}),r.removeAttribute(d)}else d.startsWith(k)&&(l.push({type:6,index:n}),r.removeAttribute(d));if(Vt.test(r.tagName)){const d=r.textContent.split(k),m=d.length-1;if(m>0){r.textContent=K?K.emptyScript:"";for(let b=0;b<m;b++)r.append(d[b],I()),x.nextNode(),l.push({type:2,index:++n});r.append(d[m],I())}}}else if(r.nodeType===8)if(r.data===qt)l.push({type:2,index:n});else{let d=-1;for(;(d=r.data.indexOf(k,d+1))!==-1;)l.push({type:7,index:n}),d+=k.length-1}n++}}static createElement(t,e){const s=A.createElement("template");return s.innerHTML=t,s}}function O(i,t,e=i,s){if(t===T)return t;let r=s!==void 0?e._$Co?.[s]:e._$Cl;const n=H(t)?void 0:t._$litDirective$;return r?.constructor!==n&&(r?._$AO?.(!1),n===void 0?r=void 0:(r=new n(i),r._$AT(i,e,s)),s!==void 0?(e._$Co??=[])[s]=r:e._$Cl=r),r!==void 0&&(t=O(i,r._$AS(i,t.values),r,s)),t}class me{constructor(t,e){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=e}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){const{el:{content:e},parts:s}=this._$AD,r=(t?.creationScope??A).importNode(e,!0);x.currentNode=r;let n=x.nextNode(),a=0,o=0,l=s[0];for(;l!==void 0;){if(a===l.index){let p;l.type===2?p=new q(n,n.nextSibling,this,t):l.type===1?p=new l.ctor(n,l.name,l.strings,this,t):l.type===6&&(p=new ye(n,this,t)),this._$AV.push(p),l=s[++o]}a!==l?.index&&(n=x.nextNode(),a++)}return x.currentNode=A,r}p(t){let e=0;for(const s of this._$AV)s!==void 0&&(s.strings!==void 0?(s._$AI(t,s,e),e+=s.strings.length-2):s._$AI(t[e])),e++}}class q{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,e,s,r){this.type=2,this._$AH=h,this._$AN=void 0,this._$AA=t,this._$AB=e,this._$AM=s,this.options=r,this._$Cv=r?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode;const e=this._$AM;return e!==void 0&&t?.nodeType===11&&(t=e.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,e=this){t=O(this,t,e),H(t)?t===h||t==null||t===""?(this._$AH!==h&&this._$AR(),this._$AH=h):t!==this._$AH&&t!==T&&this._(t):t._$litType$!==void 0?this.$(t):t.nodeType!==void 0?this.T(t):ue(t)?this.k(t):this._(t)}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t))}_(t){this._$AH!==h&&H(this._$AH)?this._$AA.nextSibling.data=t:this.T(A.createTextNode(t)),this._$AH=t}$(t){const{values:e,_$litType$:s}=t,r=typeof s=="number"?this._$AC(t):(s.el===void 0&&(s.el=z.createElement(Wt(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===r)this._$AH.p(e);else{const n=new me(r,this),a=n.u(this.options);n.p(e),this.T(a),this._$AH=n}}_$AC(t){let e=kt.get(t.strings);return e===void 0&&kt.set(t.strings,e=new z(t)),e}k(t){ct(this._$AH)||(this._$AH=[],this._$AR());const e=this._$AH;let s,r=0;for(const n of t)r===e.length?e.push(s=new q(this.O(I()),this.O(I()),this,this.options)):s=e[r],s._$AI(n),r++;r<e.length&&(this._$AR(s&&s._$AB.nextSibling,r),e.length=r)}_$AR(t=this._$AA.nextSibling,e){for(this._$AP?.(!1,!0,e);t!==this._$AB;){const s=gt(t).nextSibling;gt(t).remove(),t=s}}setConnected(t){this._$AM===void 0&&(this._$Cv=t,this._$AP?.(t))}}class Q{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,e,s,r,n){this.type=1,this._$AH=h,this._$AN=void 0,this.element=t,this.name=e,this._$AM=r,this.options=n,s.length>2||s[0]!==""||s[1]!==""?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=h}_$AI(t,e=this,s,r){const n=this.strings;let a=!1;if(n===void 0)t=O(this,t,e,0),a=!H(t)||t!==this._$AH&&t!==T,a&&(this._$AH=t);else{const o=t;let l,p;for(t=n[0],l=0;l<n.length-1;l++)p=O(this,o[s+l],e,l),p===T&&(p=this._$AH[l]),a||=!H(p)||p!==this._$AH[l],p===h?t=h:t!==h&&(t+=(p??"")+n[l+1]),this._$AH[l]=p}a&&!r&&this.j(t)}j(t){t===h?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"")}}class be extends Q{constructor(){super(...arguments),this.type=3}j(t){this.element[this.name]=t===h?void 0:t}}class fe extends Q{constructor(){super(...arguments),this.type=4}j(t){this.element.toggleAttribute(this.name,!!t&&t!==h)}}class ge extends Q{constructor(t,e,s,r,n){super(t,e,s,r,n),this.type=5}_$AI(t,e=this){if((t=O(this,t,e,0)??h)===T)return;const s=this._$AH,r=t===h&&s!==h||t.capture!==s.capture||t.once!==s.once||t.passive!==s.passive,n=t!==h&&(s===h||r);r&&this.element.removeEventListener(this.name,this,s),n&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}}class ye{constructor(t,e,s){this.element=t,this.type=6,this._$AN=void 0,this._$AM=e,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(t){O(this,t)}}const ve=ot.litHtmlPolyfillSupport;ve?.(z,q),(ot.litHtmlVersions??=[]).push("3.3.3");const _e=(i,t,e)=>{const s=e?.renderBefore??t;let r=s._$litPart$;if(r===void 0){const n=e?.renderBefore??null;s._$litPart$=r=new q(t.insertBefore(I(),n),n,void 0,e??{})}return r._$AI(i),r};const lt=globalThis;class S extends C{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){const t=super.createRenderRoot();return this.renderOptions.renderBefore??=t.firstChild,t}update(t){const e=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(t),this._$Do=_e(e,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return T}}S._$litElement$=!0,S.finalized=!0,lt.litElementHydrateSupport?.({LitElement:S});const $e=lt.litElementPolyfillSupport;$e?.({LitElement:S});(lt.litElementVersions??=[]).push("4.2.2");const we=1,j=2,et=3,ke=4,Se=5;function Ee(i){return{type:"auth",access_token:i}}function xe(){return{type:"supported_features",id:1,features:{coalesce_messages:1}}}function Ae(){return{type:"get_states"}}function Me(i){const t={type:"subscribe_events"};return i&&(t.event_type=i),t}function St(i){return{type:"unsubscribe_events",subscription:i}}function Ce(){return{type:"ping"}}function Te(i,t){return{type:"result",success:!1,error:{code:i,message:t}}}const Gt=(i,t,e,s)=>{const[r,n,a]=i.split(".",3);return Number(r)>t||Number(r)===t&&(s===void 0?Number(n)>=e:Number(n)>e)||s!==void 0&&Number(r)===t&&Number(n)===e&&Number(a)>=s},Oe=1e4,Ne="auth_invalid",Pe="auth_ok";function Re(i){var t;if(!i.auth)throw ke;const e=i.auth;let s=e.expired?e.refreshAccessToken().then(()=>{s=void 0},()=>{s=void 0}):void 0;const r=e.wsUrl,n=(t=i.connectTimeout)!==null&&t!==void 0?t:Oe;function a(o,l,p){const u=new WebSocket(r);let d=!1;const m=n>0?setTimeout(()=>{u.close()},n):void 0,b=()=>{m!==void 0&&clearTimeout(m)},y=()=>{if(b(),u.removeEventListener("close",y),d){p(j);return}if(o===0){p(we);return}const B=o===-1?-1:o-1;setTimeout(()=>a(B,l,p),1e3)},v=async B=>{b();try{e.expired&&await(s||e.refreshAccessToken()),u.send(JSON.stringify(Ee(e.accessToken)))}catch(F){d=F===j,u.close()}},V=async B=>{const F=JSON.parse(B.data);switch(F.type){case Ne:d=!0,u.close();break;case Pe:u.removeEventListener("open",v),u.removeEventListener("message",V),u.removeEventListener("close",y),u.removeEventListener("error",y),u.haVersion=F.ha_version,Gt(u.haVersion,2022,9)&&u.send(JSON.stringify(xe())),l(u);break}};u.addEventListener("open",v),u.addEventListener("message",V),u.addEventListener("close",y),u.addEventListener("error",y)}return new Promise((o,l)=>a(i.setupRetry,o,l))}class Ue{constructor(t,e){this._handleMessage=s=>{let r=JSON.parse(s.data);Array.isArray(r)||(r=[r]),r.forEach(n=>{const a=this.commands.get(n.id);switch(n.type){case"event":a?a.callback(n.event):(console.warn(`Received event for unknown subscription ${n.id}. Unsubscribing.`),this.sendMessagePromise(St(n.id)).catch(o=>{}));break;case"result":a&&(n.success?(a.resolve(n.result),"subscribe"in a||this.commands.delete(n.id)):(a.reject(n.error),this.commands.delete(n.id)));break;case"pong":a?(a.resolve(),this.commands.delete(n.id)):console.warn(`Received unknown pong response ${n.id}`);break}})},this._handleClose=async()=>{const s=this.commands;if(this.commandId=1,this.oldSubscriptions=this.commands,this.commands=new Map,this.socket=void 0,s.forEach(a=>{"subscribe"in a||a.reject(Te(et,"Connection lost"))}),this.closeRequested)return;this.fireEvent("disconnected");const r=Object.assign(Object.assign({},this.options),{setupRetry:0}),n=a=>{setTimeout(async()=>{if(!this.closeRequested)try{const o=await r.createSocket(r);this._setSocket(o)}catch(o){if(this._queuedMessages){const l=this._queuedMessages;this._queuedMessages=void 0;for(const p of l)p.reject&&p.reject(et)}o===j?this.fireEvent("reconnect-error",o):n(a+1)}},Math.min(a,5)*1e3)};this.suspendReconnectPromise&&(await this.suspendReconnectPromise,this.suspendReconnectPromise=void 0,this._queuedMessages=[]),n(0)},this.options=e,this.commandId=2,this.commands=new Map,this.eventListeners=new Map,this.closeRequested=!1,this._setSocket(t)}get connected(){return this.socket!==void 0&&this.socket.readyState==this.socket.OPEN}_setSocket(t){this.socket=t,this.haVersion=t.haVersion,t.addEventListener("message",this._handleMessage),t.addEventListener("close",this._handleClose);const e=this.oldSubscriptions;e&&(this.oldSubscriptions=void 0,e.forEach(r=>{"subscribe"in r&&r.subscribe&&r.subscribe().then(n=>{r.unsubscribe=n,r.resolve()})}));const s=this._queuedMessages;if(s){this._queuedMessages=void 0;for(const r of s)r.resolve()}this.fireEvent("ready")}addEventListener(t,e){let s=this.eventListeners.get(t);s||(s=[],this.eventListeners.set(t,s)),s.push(e)}removeEventListener(t,e){const s=this.eventListeners.get(t);if(!s)return;const r=s.indexOf(e);r!==-1&&s.splice(r,1)}fireEvent(t,e){(this.eventListeners.get(t)||[]).forEach(s=>s(this,e))}suspendReconnectUntil(t){this.suspendReconnectPromise=t}suspend(){if(!this.suspendReconnectPromise)throw new Error("Suspend promise not set");this.socket&&this.socket.close()}reconnect(t=!1){if(this.socket){if(!t){this.socket.close();return}this.socket.removeEventListener("message",this._handleMessage),this.socket.removeEventListener("close",this._handleClose),this.socket.close(),this._handleClose()}}close(){this.closeRequested=!0,this.socket&&this.socket.close()}async subscribeEvents(t,e){return this.subscribeMessage(t,Me(e))}ping(){return this.sendMessagePromise(Ce())}sendMessage(t,e){if(!this.connected)throw et;if(this._queuedMessages){if(e)throw new Error("Cannot queue with commandId");this._queuedMessages.push({resolve:()=>this.sendMessage(t)});return}e||(e=this._genCmdId()),t.id=e,this.socket.send(JSON.stringify(t))}sendMessagePromise(t){return new Promise((e,s)=>{if(this._queuedMessages){this._queuedMessages.push({reject:s,resolve:async()=>{try{e(await this.sendMessagePromise(t))}catch(n){s(n)}}});return}const r=this._genCmdId();this.commands.set(r,{resolve:e,reject:s}),this.sendMessage(t,r)})}async subscribeMessage(t,e,s){if(this._queuedMessages&&await new Promise((n,a)=>{this._queuedMessages.push({resolve:n,reject:a})}),s?.preCheck&&!await s.preCheck())throw new Error("Pre-check failed");let r;return await new Promise((n,a)=>{const o=this._genCmdId();r={resolve:n,reject:a,callback:t,subscribe:s?.resubscribe!==!1?()=>this.subscribeMessage(t,e,s):void 0,unsubscribe:async()=>{this.connected&&await this.sendMessagePromise(St(o)),this.commands.delete(o)}},this.commands.set(o,r);try{this.sendMessage(e,o)}catch{}}),()=>r.unsubscribe()}_genCmdId(){return++this.commandId}}const Le=i=>i*1e3+Date.now();async function De(i,t,e){const s=typeof location<"u"&&location;if(s&&s.protocol==="https:"){const o=document.createElement("a");if(o.href=i,o.protocol==="http:"&&o.hostname!=="localhost")throw Se}const r=new FormData;t!==null&&r.append("client_id",t),Object.keys(e).forEach(o=>{r.append(o,e[o])});const n=await fetch(`${i}/auth/token`,{method:"POST",credentials:"same-origin",body:r});if(!n.ok)throw n.status===400||n.status===403?j:new Error("Unable to fetch tokens");const a=await n.json();return a.hassUrl=i,a.clientId=t,a.expires=Le(a.expires_in),a}class Kt{constructor(t,e){this.data=t,this._saveTokens=e}get wsUrl(){return`ws${this.data.hassUrl.substr(4)}/api/websocket`}get accessToken(){return this.data.access_token}get expired(){return Date.now()>this.data.expires}async refreshAccessToken(){if(!this.data.refresh_token)throw new Error("No refresh_token");const t=await De(this.data.hassUrl,this.data.clientId,{grant_type:"refresh_token",refresh_token:this.data.refresh_token});t.refresh_token=this.data.refresh_token,this.data=t,this._saveTokens&&this._saveTokens(t)}async revoke(){if(!this.data.refresh_token)throw new Error("No refresh_token to revoke");const t=new FormData;t.append("token",this.data.refresh_token),await fetch(`${this.data.hassUrl}/auth/revoke`,{method:"POST",credentials:"same-origin",body:t}),this._saveTokens&&this._saveTokens(null)}}const Ie=i=>{let t=[];function e(r){let n=[];for(let a=0;a<t.length;a++)t[a]===r?r=null:n.push(t[a]);t=n}function s(r,n){i=n?r:Object.assign(Object.assign({},i),r);let a=t;for(let o=0;o<a.length;o++)a[o](i)}return{get state(){return i},action(r){function n(a){s(a,!1)}return function(){let a=[i];for(let l=0;l<arguments.length;l++)a.push(arguments[l]);let o=r.apply(this,a);if(o!=null)return o instanceof Promise?o.then(n):n(o)}},setState:s,clearState(){i=void 0},subscribe(r){return t.push(r),()=>{e(r)}}}},He=5e3,Et=(i,t,e,s,r={unsubGrace:!0})=>{if(i[t])return i[t];let n=0,a,o,l=Ie();const p=()=>{if(!e)throw new Error("Collection does not support refresh");return e(i).then(v=>l.setState(v,!0))},u=()=>p().catch(v=>{if(i.connected)throw v}),d=()=>{if(o!==void 0){clearTimeout(o),o=void 0;return}s&&(a=s(i,l)),e&&(i.addEventListener("ready",u),u()),i.addEventListener("disconnected",y)},m=()=>{o=void 0,a&&a.then(v=>{v()}),l.clearState(),i.removeEventListener("ready",p),i.removeEventListener("disconnected",y)},b=()=>{o=setTimeout(m,He)},y=()=>{o&&(clearTimeout(o),m())};return i[t]={get state(){return l.state},refresh:p,subscribe(v){n++,n===1&&d();const V=l.subscribe(v);return l.state!==void 0&&setTimeout(()=>v(l.state),0),()=>{V(),n--,n||(r.unsubGrace?b():m())}}},i[t]},ze=i=>i.sendMessagePromise(Ae());function je(i,t){const e=Object.assign({},i.state);if(t.a)for(const s in t.a){const r=t.a[s];let n=new Date(r.lc*1e3).toISOString();e[s]={entity_id:s,state:r.s,attributes:r.a,context:typeof r.c=="string"?{id:r.c,parent_id:null,user_id:null}:r.c,last_changed:n,last_updated:r.lu?new Date(r.lu*1e3).toISOString():n}}if(t.r)for(const s of t.r)delete e[s];if(t.c)for(const s in t.c){let r=e[s];if(!r){console.warn("Received state update for unknown entity",s);continue}r=Object.assign({},r);const{"+":n,"-":a}=t.c[s],o=n?.a||a?.a,l=o?Object.assign({},r.attributes):r.attributes;if(n&&(n.s!==void 0&&(r.state=n.s),n.c&&(typeof n.c=="string"?r.context=Object.assign(Object.assign({},r.context),{id:n.c}):r.context=Object.assign(Object.assign({},r.context),n.c)),n.lc?r.last_updated=r.last_changed=new Date(n.lc*1e3).toISOString():n.lu&&(r.last_updated=new Date(n.lu*1e3).toISOString()),n.a&&Object.assign(l,n.a)),a?.a)for(const p of a.a)delete l[p];o&&(r.attributes=l),e[s]=r}i.setState(e,!0)}const qe=(i,t)=>i.subscribeMessage(e=>je(t,e),{type:"subscribe_entities"});function Ve(i,t){const e=i.state;if(e===void 0)return;const{entity_id:s,new_state:r}=t.data;if(r)i.setState({[r.entity_id]:r});else{const n=Object.assign({},e);delete n[s],i.setState(n,!0)}}async function Be(i){const t=await ze(i),e={};for(let s=0;s<t.length;s++){const r=t[s];e[r.entity_id]=r}return e}const Fe=(i,t)=>i.subscribeEvents(e=>Ve(t,e),"state_changed"),We=i=>Gt(i.haVersion,2022,4,0)?Et(i,"_ent",void 0,qe):Et(i,"_ent",Be,Fe),Ge=(i,t)=>We(i).subscribe(t);async function Ke(i){const t=Object.assign({setupRetry:0,createSocket:Re},i),e=await t.createSocket(t);return new Ue(e,t)}const it="bastion.tokens",Ye=15e3,Yt=()=>location.origin,N=()=>`${location.origin}/`;class Jt extends Error{constructor(t,e){super(e),this.status=t}}async function dt(i,t){const e=new AbortController,s=setTimeout(()=>e.abort(),Ye);try{return await fetch(i,{...t,signal:e.signal,credentials:"same-origin"})}finally{clearTimeout(s)}}async function ht(i,t){const e=await dt(i,{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify(t)}),s=await e.json().catch(()=>({}));if(!e.ok)throw new Jt(e.status,s.message??e.statusText);return s}async function xt(){try{const i=await dt("/api/onboarding",{method:"GET"});return i.ok?(await i.json()).some(e=>e.step==="user"&&!e.done):!1}catch{return!1}}async function Je(i){return(await ht("/api/onboarding/users",{client_id:N(),language:navigator.language.slice(0,16),...i})).auth_code}function Ze(){return ht("/auth/login_flow",{client_id:N(),handler:["homeassistant",null],redirect_uri:N()})}function At(i,t){return ht(`/auth/login_flow/${encodeURIComponent(i)}`,{client_id:N(),...t})}async function Mt(i){const t=new URLSearchParams({grant_type:"authorization_code",code:i,client_id:N()}),e=await dt("/auth/token",{method:"POST",body:t}),s=await e.json().catch(()=>({}));if(!e.ok)throw new Jt(e.status,s.error_description??"Login failed");const r={hassUrl:Yt(),clientId:N(),access_token:s.access_token,refresh_token:s.refresh_token,expires_in:s.expires_in,expires:Date.now()+s.expires_in*1e3};return Y(r),new Kt(r,Y)}function Y(i){try{i?localStorage.setItem(it,JSON.stringify(i)):localStorage.removeItem(it)}catch{}}function Qe(){try{const i=localStorage.getItem(it);if(!i)return null;const t=JSON.parse(i);return t.hassUrl!==Yt()?null:new Kt(t,Y)}catch{return null}}async function Ct(i){i&&await i.revoke().catch(()=>{}),Y(null)}const M=i=>typeof i=="object"&&i!==null&&["unknown_command","not_found"].includes(String(i.code))&&/unknown command|not found|not loaded/i.test(String(i.message??"")),g=i=>typeof i=="object"&&i!==null&&"message"in i?String(i.message):i===j?"Authentication failed":String(i);class Xe{constructor(t){this.auth=t,this.entities={},this.areas=[],this.floors=[],this.entries=new Map,this.devices=new Map,this.user=null,this.config={},this.status="connecting",this.resumedAt=0,this.listeners=new Set}async connect(){this.conn=await Ke({auth:this.auth}),this.status="connected",this.conn.addEventListener("disconnected",()=>{this.status="disconnected",this.emit()}),this.conn.addEventListener("ready",()=>{this.status="connected",this.resumedAt=Date.now(),this.emit(),this.loadRegistries()}),Ge(this.conn,t=>{this.entities=t,this.emit()}),await this.loadRegistries()}async loadRegistries(){const[t,e,s,r,n,a]=await Promise.all([this.call({type:"auth/current_user"}).catch(()=>null),this.call({type:"get_config"}).catch(()=>({})),this.call({type:"config/area_registry/list"}).catch(()=>[]),this.call({type:"config/floor_registry/list"}).catch(()=>[]),this.call({type:"config/entity_registry/list"}).catch(()=>[]),this.call({type:"config/device_registry/list"}).catch(()=>[])]);this.user=t,this.config=e,this.areas=s,this.floors=r,this.entries=new Map(n.map(o=>[o.entity_id,o])),this.devices=new Map(a.map(o=>[o.id,o])),this.emit()}call(t){return this.conn.sendMessagePromise(t)}callService(t,e,s={},r=!1){return this.call({type:"call_service",domain:t,service:e,service_data:s,...r?{return_response:!0}:{}})}hasService(t,e){return this.call({type:"get_services"}).then(s=>!!s[t]?.[e]).catch(()=>!1)}async rest(t,e,s){this.auth.expired&&await this.auth.refreshAccessToken();const r=await fetch(e,{method:t,headers:{Authorization:`Bearer ${this.auth.accessToken}`,...s===void 0?{}:{"Content-Type":"application/json"}},body:s===void 0?void 0:JSON.stringify(s)}),n=await r.text();let a=null;try{a=n?JSON.parse(n):null}catch{a={message:n}}if(!r.ok){const o=a?.message??r.statusText;throw{code:r.status,message:o}}return a}areaOf(t){const e=this.entries.get(t);return e?e.area_id?e.area_id:(e.device_id?this.devices.get(e.device_id):void 0)?.area_id??null:null}name(t){return this.entities[t]?.attributes.friendly_name??this.entries.get(t)?.name??t}subscribe(t){return this.listeners.add(t),()=>this.listeners.delete(t)}emit(){for(const t of this.listeners)t()}close(){this.conn?.close()}}const $=_`
  :host {
    color: var(--fg);
    font: inherit;
  }
  * {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3 {
    margin: 0 0 0.5rem;
    font-weight: 600;
  }
  h1 {
    font-size: 1.4rem;
  }
  h2 {
    font-size: 1.1rem;
  }
  h3 {
    font-size: 1rem;
  }
  .card {
    background: var(--card);
    border: 1px solid var(--border);
    border-radius: 12px;
    padding: 0.9rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 165px), 1fr));
    gap: 0.75rem;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .spacer {
    flex: 1;
  }
  .muted {
    color: var(--muted);
  }
  .small {
    font-size: 0.85rem;
  }
  .error {
    color: var(--danger);
  }
  .notice {
    border-left: 4px solid var(--warn);
    background: var(--card);
    padding: 0.6rem 0.8rem;
    border-radius: 6px;
  }
  button,
  .btn {
    font: inherit;
    cursor: pointer;
    border: 1px solid var(--border);
    background: var(--btn);
    color: var(--fg);
    border-radius: 8px;
    padding: 0.5rem 0.9rem;
    min-height: 40px;
  }
  button.primary {
    background: var(--accent);
    border-color: var(--accent);
    color: #fff;
  }
  button.danger {
    background: var(--danger);
    border-color: var(--danger);
    color: #fff;
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  a:focus-visible,
  textarea:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--fg);
    background: var(--input);
    border: 1px solid var(--border);
    border-radius: 8px;
    padding: 0.5rem 0.6rem;
    min-height: 40px;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    font-size: 0.9rem;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: left;
    padding: 0.4rem 0.5rem;
    border-bottom: 1px solid var(--border);
    font-size: 0.9rem;
    vertical-align: top;
  }
  .badge {
    display: inline-block;
    padding: 0.1rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8rem;
    background: var(--btn);
    border: 1px solid var(--border);
  }
  .badge.on {
    background: var(--accent-soft);
    border-color: var(--accent);
  }
  .badge.bad {
    background: var(--danger);
    color: #fff;
    border-color: var(--danger);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
  }
`,Tt={home:"M3 11 12 4l9 7M5 10v10h5v-6h4v6h5V10",shield:"M12 3 4 6v6c0 5 3.4 8.3 8 9.5 4.6-1.2 8-4.5 8-9.5V6z",alert:"M12 3 2 20h20zM12 10v4M12 17v.5",chart:"M3 20h18M5 16l4-5 4 3 6-8",list:"M4 6h16M4 12h16M4 18h16",gear:"M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1 7 17M17 7l2.1-2.1",bell:"M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0",users:"M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2 20c0-4 3-6 7-6s7 2 7 6M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14c2.4.6 4 2.6 4 6",info:"M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 11v6M12 7.5v.5",theme:"M12 3a9 9 0 1 0 0 18zM12 3a9 9 0 0 1 0 18",bulb:"M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z",power:"M12 3v8M6.3 6.3a8 8 0 1 0 11.4 0",lock:"M6 11h12v10H6zM8.5 11V7.5a3.5 3.5 0 0 1 7 0V11M12 15v2",thermo:"M10 4a2 2 0 0 1 4 0v10a4 4 0 1 1-4 0zM12 9v7",door:"M6 21V3h12v18M3 21h18M14.5 12v.5",window:"M4 4h16v16H4zM12 4v16M4 12h16",motion:"M12 12m-2 0a2 2 0 1 0 4 0 2 2 0 1 0-4 0M7.5 7.5a6.4 6.4 0 0 0 0 9M16.5 7.5a6.4 6.4 0 0 1 0 9M4.6 4.6a10.5 10.5 0 0 0 0 14.8M19.4 4.6a10.5 10.5 0 0 1 0 14.8",camera:"M3 7h4l2-2h6l2 2h4v12H3zM12 10a3 3 0 1 0 0 6 3 3 0 0 0 0-6z",drop:"M12 3s6 6.6 6 11a6 6 0 0 1-12 0c0-4.4 6-11 6-11z",siren:"M7 18v-6a5 5 0 0 1 10 0v6M4 18h16v3H4zM12 3v2M4.5 6l1.5 1.5M19.5 6 18 7.5",valve:"M4 9h5v6H4zM15 9h5v6h-5zM9 12h6M12 12V6M9 6h6",cover:"M4 4h16v16H4zM4 8h16M4 12h16M4 16h16",fire:"M12 3c1 4 5 5 5 10a5 5 0 0 1-10 0c0-2.5 1.5-3.5 2-5 1 1.5 1.5 2 2 2 0-2.5 0-4.5 1-7z",play:"M7 4v16l13-8z",dot:"M12 12m-4 0a4 4 0 1 0 8 0 4 4 0 1 0-8 0",menu:"M4 6h16M4 12h16M4 18h16",sensor:"M4 20V10M10 20V4M16 20v-7M22 20H2",tag:"M3 12V3h9l9 9-9 9zM7.5 7.5v.5"},ts={door:"door",garage_door:"door",opening:"door",window:"window",motion:"motion",occupancy:"motion",presence:"motion",smoke:"fire",heat:"fire",gas:"alert",carbon_monoxide:"alert",moisture:"drop",tamper:"alert",problem:"alert",lock:"lock"},es={light:"bulb",switch:"power",input_boolean:"power",lock:"lock",cover:"cover",climate:"thermo",sensor:"sensor",alarm_control_panel:"shield",camera:"camera",valve:"valve",siren:"siren",fan:"gear",automation:"gear",script:"play",scene:"play",button:"dot",input_button:"dot",input_number:"sensor",update:"info",event:"tag"};function D(i,t){const e=Tt[i]??Tt.dot;return c`<svg
    class="icon"
    viewBox="0 0 24 24"
    width="22"
    height="22"
    fill="none"
    stroke="currentColor"
    stroke-width="1.8"
    stroke-linecap="round"
    stroke-linejoin="round"
    role=${"presentation"}
    aria-hidden=${"true"}
    aria-label=${""}
  >
    ${Ft`<path d=${e}></path>`}
  </svg>`}function ss(i,t){return i==="binary_sensor"?ts[String(t)]??"dot":i==="sensor"&&t==="temperature"?"thermo":i==="sensor"&&t==="humidity"?"drop":es[i]??"dot"}const Ot={invalid_auth:"Wrong username or password.",invalid_code:"That code is not valid. Try the current code from your app.",too_many_attempts:"Too many attempts. Start again."};class is extends S{constructor(){super(),this.flow=null,this.onboarding=!1,this.step="credentials",this.error="",this.busy=!1,this.placeholders=null}static{this.properties={onboarding:{type:Boolean},step:{state:!0},error:{state:!0},busy:{state:!0},placeholders:{state:!0}}}static{this.styles=[$,_`
      :host {
        display: grid;
        place-items: center;
        min-height: 100vh;
        padding: 1rem;
      }
      form {
        width: min(420px, 100%);
        display: flex;
        flex-direction: column;
        gap: 0.8rem;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 0.6rem;
        font-size: 1.4rem;
        font-weight: 700;
        color: var(--accent);
      }
      code {
        word-break: break-all;
      }
    `]}done(t){this.dispatchEvent(new CustomEvent("logged-in",{detail:t,bubbles:!0,composed:!0}))}field(t,e){return t.elements.namedItem(e)?.value??""}async submit(t){t.preventDefault();const e=t.target;this.busy=!0,this.error="";try{this.onboarding?await this.submitOnboarding(e):await this.submitLogin(e)}catch(s){this.error=s instanceof Error?s.message:String(s)}finally{this.busy=!1}}async submitOnboarding(t){const e=this.field(t,"password");if(e!==this.field(t,"password2")){this.error="The passwords do not match.";return}const s=await Je({code:this.field(t,"code").trim(),name:this.field(t,"name"),username:this.field(t,"username"),password:e});s?this.done(await Mt(s)):(this.onboarding=!1,this.error="Owner created. Sign in to continue.")}async submitLogin(t){let e;if(this.step==="credentials"||!this.flow?(this.flow=await Ze(),e=await At(this.flow.flow_id,{username:this.field(t,"username"),password:this.field(t,"password")})):e=await At(this.flow.flow_id,{code:this.field(t,"code").trim()}),this.flow=e,e.type==="create_entry"&&e.result){this.done(await Mt(e.result));return}if(e.type==="abort"){this.step="credentials",this.flow=null,this.error=Ot[e.reason??""]??`Login stopped: ${e.reason}`;return}this.step=e.step_id==="mfa_setup"?"mfa_setup":e.step_id==="mfa"?"mfa":"credentials",this.placeholders=e.description_placeholders??null;const s=e.errors?.base;s&&(this.error=Ot[s]??s)}render(){return c`
      <form class="card" @submit=${this.submit} aria-busy=${this.busy}>
        <div class="brand">${D("shield")} Bastion</div>
        ${this.onboarding?this.renderOnboarding():this.renderLogin()}
        ${this.error?c`<p class="error" role="alert">${this.error}</p>`:""}
      </form>
    `}renderOnboarding(){return c`
      <h1>Welcome — create the owner</h1>
      <p class="muted small">
        Enter the one-time setup code printed on the hub's console at first start.
      </p>
      <label>Setup code<input name="code" autocomplete="one-time-code" required autofocus /></label>
      <label>Your name<input name="name" autocomplete="name" required /></label>
      <label>Username<input name="username" autocomplete="username" required /></label>
      <label
        >Password<input
          name="password"
          type="password"
          autocomplete="new-password"
          minlength="8"
          required
      /></label>
      <label
        >Repeat password<input
          name="password2"
          type="password"
          autocomplete="new-password"
          required
      /></label>
      <button class="primary" type="submit" ?disabled=${this.busy}>Create owner</button>
    `}renderLogin(){if(this.step==="credentials")return c`
        <h1>Sign in</h1>
        <label>Username<input name="username" autocomplete="username" required autofocus /></label>
        <label
          >Password<input name="password" type="password" autocomplete="current-password" required
        /></label>
        <button class="primary" type="submit" ?disabled=${this.busy}>Sign in</button>
      `;const t=this.step==="mfa_setup";return c`
      <h1>${t?"Set up two-factor authentication":"Two-factor authentication"}</h1>
      ${t&&this.placeholders?c`<p class="small">
            Add this secret to your authenticator app, then enter the current code:
            <code>${this.placeholders.secret}</code>
          </p>`:c`<p class="muted small">Enter the 6-digit code from your authenticator app.</p>`}
      <label
        >Code<input
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9A-Za-z-]*"
          required
          autofocus
      /></label>
      <button class="primary" type="submit" ?disabled=${this.busy}>Verify</button>
    `}}customElements.define("bastion-login",is);class f extends S{constructor(){super(...arguments),this.unsubscribe=null}static{this.properties={hub:{attribute:!1}}}static{this.styles=[$]}connectedCallback(){super.connectedCallback(),this.unsubscribe=this.hub?.subscribe(()=>this.requestUpdate())??null,this.hubConnected()}disconnectedCallback(){super.disconnectedCallback(),this.unsubscribe?.(),this.unsubscribe=null}hubConnected(){}}const P=i=>`${i} is not available on this hub (the hub does not offer that command yet).`,w=i=>i.split(".",1)[0],rs={door:["Open","Closed"],window:["Open","Closed"],garage_door:["Open","Closed"],opening:["Open","Closed"],motion:["Detected","Clear"],occupancy:["Detected","Clear"],presence:["Home","Away"],smoke:["Smoke detected","Clear"],gas:["Gas detected","Clear"],carbon_monoxide:["CO detected","Clear"],moisture:["Wet","Dry"],tamper:["Tampered","Clear"],vibration:["Detected","Clear"],problem:["Problem","OK"],safety:["Unsafe","Safe"],lock:["Unlocked","Locked"],battery:["Low","Normal"],connectivity:["Connected","Disconnected"],plug:["Plugged in","Unplugged"],power:["Power","No power"],sound:["Detected","Clear"]},ns={disarmed:"Disarmed",armed_home:"Armed home",armed_away:"Armed away",armed_night:"Armed night",armed_vacation:"Armed vacation",armed_custom_bypass:"Armed (bypass)",arming:"Arming",pending:"Entry delay",disarming:"Disarming",triggered:"TRIGGERED"},J=i=>ns[i]??Zt(i),as=i=>!i||i.state==="unavailable"||i.state==="unknown",Zt=i=>i&&i[0].toUpperCase()+i.slice(1).replace(/_/g," ");function G(i){if(!i)return"Missing";if(i.state==="unavailable")return"Unavailable";if(i.state==="unknown")return"Unknown";const t=w(i.entity_id);if(t==="binary_sensor"){const s=rs[String(i.attributes.device_class??"")]??["On","Off"];return i.state==="on"?s[0]:s[1]}if(t==="alarm_control_panel")return J(i.state);const e=i.attributes.unit_of_measurement;if(e!=null&&i.state!==""){const s=Number(i.state);return`${Number.isFinite(s)?os(s):i.state} ${e}`}return t==="sensor"&&i.attributes.device_class==="timestamp"?ut(i.state):Zt(i.state)}function os(i){return Number.isInteger(i)?String(i):i.toLocaleString(void 0,{maximumFractionDigits:2})}function ut(i){const t=typeof i=="number"?i*1e3:Date.parse(i);if(!Number.isFinite(t))return String(i);const e=Math.round((Date.now()-t)/1e3),s=Math.abs(e),r=new Intl.RelativeTimeFormat(void 0,{numeric:"auto"});return s<60?r.format(-e,"second"):s<3600?r.format(-Math.round(e/60),"minute"):s<86400?r.format(-Math.round(e/3600),"hour"):r.format(-Math.round(e/86400),"day")}const R=i=>{const t=typeof i=="number"?new Date(i*1e3):new Date(i);return Number.isNaN(t.getTime())?String(i):t.toLocaleString()};function cs(i){const t=w(i.entity_id);return t==="lock"?i.state!=="locked":t==="alarm_control_panel"?i.state==="triggered"||i.state==="pending":["on","open","opening","home","playing","heat","cool"].includes(i.state)}const ls=new Set(["light","switch","fan","input_boolean","siren","automation"]),ds=new Set(["brightness","color_temp","hs","rgb","rgbw","rgbww","xy","white"]);class hs extends S{static{this.properties={hub:{attribute:!1},stateObj:{attribute:!1},spark:{attribute:!1},confirming:{state:!0},error:{state:!0}}}constructor(){super(),this.confirming="",this.error=""}static{this.styles=[$,_`
      :host {
        display: block;
      }
      .card {
        height: 100%;
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
      }
      .card.active {
        border-color: var(--accent);
      }
      .card.unavailable {
        opacity: 0.65;
        border-style: dashed;
      }
      .head {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .icon {
        display: flex;
        color: var(--muted);
        flex: none;
      }
      .active .icon {
        color: var(--accent);
      }
      .name {
        font-weight: 600;
        flex: 1;
        min-width: 0;
        overflow-wrap: break-word;
        hyphens: auto;
      }
      .state-row {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
        min-height: 30px;
      }
      .state {
        font-size: 0.95rem;
      }
      .state.warn {
        color: var(--danger);
        font-weight: 600;
      }
      input[type="range"] {
        width: 100%;
        padding: 0;
      }
      .switch {
        position: relative;
        width: 52px;
        height: 30px;
        border-radius: 15px;
        padding: 0;
        min-height: 0;
        background: var(--border);
      }
      .switch[aria-checked="true"] {
        background: var(--accent);
        border-color: var(--accent);
      }
      .switch::after {
        content: "";
        position: absolute;
        top: 3px;
        left: 3px;
        width: 22px;
        height: 22px;
        border-radius: 50%;
        background: #fff;
        transition: transform 0.15s;
      }
      .switch[aria-checked="true"]::after {
        transform: translateX(22px);
      }
      svg {
        width: 100%;
        height: 36px;
      }
      polyline {
        fill: none;
        stroke: var(--accent);
        stroke-width: 2;
      }
    `]}async call(t,e,s={}){this.error="";try{await this.hub.callService(t,e,{entity_id:this.stateObj.entity_id,...s})}catch(r){this.error=g(r)}}render(){const t=this.stateObj,e=w(t.entity_id),s=as(t),r=this.hub.name(t.entity_id),n=t.state==="unavailable"||e==="lock"&&t.state==="jammed"||e==="alarm_control_panel"&&t.state==="triggered"||e==="binary_sensor"&&t.state==="on"&&["smoke","gas","carbon_monoxide","moisture","tamper","problem"].includes(String(t.attributes.device_class));return c`
      <div
        class="card ${cs(t)?"active":""} ${s?"unavailable":""}"
        data-entity=${t.entity_id}
      >
        <div class="head">
          <span class="icon">${D(ss(e,t.attributes.device_class))}</span>
          <span class="name">${r}</span>
        </div>
        <div class="state-row">
          <span class="state ${n?"warn":""}" data-testid="state">${G(t)}</span>
          ${ls.has(e)&&!s?this.renderSwitch(t,e,r):h}
        </div>
        ${s?h:this.renderControls(t,e,r)}
        ${this.spark&&this.spark.length>1?this.renderSpark(this.spark):h}
        ${this.error?c`<div class="error small" role="alert">${this.error}</div>`:h}
      </div>
    `}renderSwitch(t,e,s){const r=t.state==="on",n=e==="automation"?r?"turn_off":"turn_on":"toggle";return c`<button
      class="switch"
      role="switch"
      aria-checked=${r?"true":"false"}
      aria-label="${s}: ${r?"on":"off"}"
      @click=${()=>this.call(e==="siren"&&r?"siren":e,e==="siren"?r?"turn_off":"turn_on":n)}
    ></button>`}renderControls(t,e,s){switch(e){case"light":{if(!(t.attributes.supported_color_modes??[]).some(a=>ds.has(a)))return h;const n=Math.round((Number(t.attributes.brightness)||0)/255*100);return c`<label class="small"
          >Brightness ${t.state==="on"?`${n}%`:""}
          <input
            type="range"
            min="1"
            max="100"
            .value=${String(n||1)}
            aria-label="${s} brightness"
            @change=${a=>this.call("light","turn_on",{brightness_pct:Number(a.target.value)})}
        /></label>`}case"lock":return this.renderLock(t,s);case"cover":case"valve":{const r=e==="cover"?"open_cover":"open_valve",n=e==="cover"?"close_cover":"close_valve",a=e==="cover"?"stop_cover":"stop_valve";return c`<div class="row">
          <button @click=${()=>this.call(e,r)} aria-label="Open ${s}">Open</button>
          <button @click=${()=>this.call(e,a)} aria-label="Stop ${s}">Stop</button>
          <button @click=${()=>this.call(e,n)} aria-label="Close ${s}">Close</button>
        </div>`}case"climate":{const r=Number(t.attributes.temperature),n=Number(t.attributes.target_temp_step)||.5,a=t.attributes.current_temperature;return c`<div class="small muted">
            Current ${a??"—"} · mode ${t.state}
          </div>
          <div class="row">
            <button aria-label="Lower ${s} target" @click=${()=>this.call("climate","set_temperature",{temperature:r-n})}>−</button>
            <strong aria-live="polite">${Number.isFinite(r)?r:"—"}°</strong>
            <button aria-label="Raise ${s} target" @click=${()=>this.call("climate","set_temperature",{temperature:r+n})}>+</button>
          </div>`}case"input_number":{const r=t.attributes;return c`<input
          type="range"
          min=${String(r.min)}
          max=${String(r.max)}
          step=${String(r.step??1)}
          .value=${t.state}
          aria-label=${s}
          @change=${n=>this.call("input_number","set_value",{value:Number(n.target.value)})}
        />`}case"script":case"scene":case"button":case"input_button":{const r=e==="script"||e==="scene"?"turn_on":"press";return c`<button @click=${()=>this.call(e,r)}>
          ${e==="script"?"Run":e==="scene"?"Activate":"Press"}
        </button>`}case"alarm_control_panel":return c`<a class="btn" href="#/alarm">Open keypad</a>`;default:return h}}renderLock(t,e){const s=t.state==="locked",r=s?"unlock":"lock";return this.confirming===r?c`<div class="row" role="group" aria-label="Confirm ${r}">
        <span class="small">${s?"Unlock":"Lock"} ${e}?</span>
        <button
          class=${s?"danger":"primary"}
          @click=${()=>{this.confirming="",this.call("lock",r)}}
        >
          Yes, ${r}
        </button>
        <button @click=${()=>this.confirming=""}>Cancel</button>
      </div>`:c`<button @click=${()=>this.confirming=r} aria-label="${s?"Unlock":"Lock"} ${e}">
      ${s?"Unlock":"Lock"}
    </button>`}renderSpark(t){const e=Math.min(...t),r=Math.max(...t)-e||1,n=t.map((a,o)=>`${(o/(t.length-1)*100).toFixed(1)},${(30-(a-e)/r*28+1).toFixed(1)}`).join(" ");return c`<svg viewBox="0 0 100 32" preserveAspectRatio="none" role="img" aria-label="Last 24 hours">
      ${Ft`<polyline points=${n}></polyline>`}
    </svg>`}}customElements.define("bastion-entity",hs);const us=new Set(["automation","zone","persistent_notification","sun","tag"]),ps=24;class ms extends f{constructor(){super(),this.sparkLoaded=!1,this.filter="",this.sparks={}}static{this.properties={...f.properties,filter:{state:!0},sparks:{state:!0}}}static{this.styles=[$,_`
      section {
        margin-bottom: 1.4rem;
      }
      .floor {
        font-size: 0.8rem;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--muted);
        margin: 1.2rem 0 0.4rem;
      }
      input[type="search"] {
        width: min(320px, 100%);
      }
    `]}updated(){!this.sparkLoaded&&Object.keys(this.hub.entities).length&&(this.sparkLoaded=!0,this.loadSparks())}numericIds(){return Object.values(this.hub.entities).filter(t=>w(t.entity_id)==="sensor"&&t.attributes.unit_of_measurement!==void 0).map(t=>t.entity_id)}async loadSparks(){const t=this.numericIds();if(t.length)try{const e=new Date(Date.now()-ps*36e5).toISOString(),s=await this.hub.call({type:"history/history_during_period",start_time:e,entity_ids:t,minimal_response:!0,no_attributes:!0}),r={};for(const[n,a]of Object.entries(s))r[n]=a.map(o=>Number(o.s)).filter(Number.isFinite);this.sparks=r}catch{}}groups(){const t=this.hub,e=this.filter.trim().toLowerCase(),s=new Map;for(const d of Object.values(t.entities)){if(us.has(w(d.entity_id))||t.entries.get(d.entity_id)?.hidden_by||e&&!`${t.name(d.entity_id)} ${d.entity_id}`.toLowerCase().includes(e))continue;const m=t.areaOf(d.entity_id)??"",b=s.get(m)??[];b.push(d),s.set(m,b)}const r=d=>d.sort((m,b)=>t.name(m.entity_id).localeCompare(t.name(b.entity_id))),n=t.areas.filter(d=>s.has(d.area_id)).map(d=>({id:d.area_id,name:d.name,floor:d.floor_id??null,entities:r(s.get(d.area_id))})),a=new Set(t.areas.map(d=>d.area_id));for(const[d,m]of s)a.has(d)||n.push({id:d||"other",name:d||"Other",floor:null,entities:r(m)});const o=[...t.floors].sort((d,m)=>(d.level??0)-(m.level??0)),l=o.map(d=>({floor:d.name,areas:n.filter(m=>m.floor===d.floor_id)})).filter(d=>d.areas.length),p=new Set(o.map(d=>d.floor_id)),u=n.filter(d=>!d.floor||!p.has(d.floor));return u.length&&l.push({floor:o.length?"Other areas":null,areas:u}),l}render(){const t=this.groups();return c`
      <div class="row">
        <h1>Dashboard</h1>
        <span class="spacer"></span>
        <input
          type="search"
          placeholder="Filter entities"
          aria-label="Filter entities"
          .value=${this.filter}
          @input=${e=>this.filter=e.target.value}
        />
      </div>
      ${t.length===0?c`<p class="muted">No entities yet.</p>`:h}
      ${t.map(e=>c`
          ${e.floor?c`<div class="floor" role="heading" aria-level="2">${e.floor}</div>`:h}
          ${e.areas.map(s=>c`<section aria-labelledby="area-${s.id}" data-area=${s.id}>
              <h2 id="area-${s.id}">${s.name}</h2>
              <div class="grid">
                ${s.entities.map(r=>c`<bastion-entity
                    .hub=${this.hub}
                    .stateObj=${r}
                    .spark=${this.sparks[r.entity_id]}
                  ></bastion-entity>`)}
              </div>
            </section>`)}
        `)}
    `}}customElements.define("bastion-dashboard",ms);const bs=(function(){const t=typeof document<"u"&&document.createElement("link").relList;return t&&t.supports&&t.supports("modulepreload")?"modulepreload":"preload"})(),fs=function(i){return"/"+i},Nt={},X=function(t,e,s){let r=Promise.resolve();if(e&&e.length>0){let l=function(p){return Promise.all(p.map(u=>Promise.resolve(u).then(d=>({status:"fulfilled",value:d}),d=>({status:"rejected",reason:d}))))};document.getElementsByTagName("link");const a=document.querySelector("meta[property=csp-nonce]"),o=a?.nonce||a?.getAttribute("nonce");r=l(e.map(p=>{if(p=fs(p),p in Nt)return;Nt[p]=!0;const u=p.endsWith(".css"),d=u?'[rel="stylesheet"]':"";if(document.querySelector(`link[href="${p}"]${d}`))return;const m=document.createElement("link");if(m.rel=u?"stylesheet":bs,u||(m.as="script"),m.crossOrigin="",m.href=p,o&&m.setAttribute("nonce",o),document.head.appendChild(m),u)return new Promise((b,y)=>{m.addEventListener("load",b),m.addEventListener("error",()=>y(new Error(`Unable to preload CSS for ${p}`)))})}))}function n(a){const o=new Event("vite:preloadError",{cancelable:!0});if(o.payload=a,window.dispatchEvent(o),!o.defaultPrevented)throw a}return r.then(a=>{for(const o of a||[])o.status==="rejected"&&n(o.reason);return t().catch(n)})},Ys=i=>i.call({type:"alarm/incidents"}).then(t=>t.incidents??[]),Js=(i,t)=>i.call({type:"alarm/acknowledge",incident_id:t}).then(e=>e.acknowledged??[]),gs=i=>i.call({type:"alarm/playbooks"}),ys={intrusion:"Intrusion",fire:"Fire",co:"Carbon monoxide",gas:"Gas",water_leak:"Water leak",panic:"Panic",tamper:"Tamper",unavailable:"Sensor lost"},Zs=i=>ys[i]??i.replace(/_/g," "),vs={fire:"Fire response",co_gas:"CO/gas response",water_leak:"Water leak response",lockdown:"Lockdown"},_s={armed_away:"away",armed_home:"home",armed_night:"night",armed_vacation:"vacation",armed_custom_bypass:"with bypass"};function Pt(i,t,e=Date.now()){if(i===null)return null;const s=Math.ceil(i-(e-t)/1e3);return s>0?s:null}const $s=i=>`${Math.floor(i/60)}:${String(i%60).padStart(2,"0")}`;function Qt(i,t){let e=new Map;return i.conn.subscribeMessage(s=>{const r=Date.now();s.type==="snapshot"&&(e=new Map);for(const n of s.removed??[])e.delete(n);for(const n of s.panels)e.set(n.entity_id,{...n,receivedAt:r});t([...e.values()].sort((n,a)=>n.entity_id.localeCompare(a.entity_id)))},{type:"alarm/subscribe"})}const ws=(i,t,e,s,r=!1)=>i.call({type:"alarm/arm",entity_id:t,mode:e,...s?{code:s}:{},...r?{force:!0}:{}}).then(n=>({...n.panel,receivedAt:Date.now()})),ks=(i,t,e)=>i.call({type:"alarm/disarm",entity_id:t,...e?{code:e}:{}}).then(s=>({...s.panel,receivedAt:Date.now()})),Ss=i=>_s[i]??i.replace(/_/g," ");function Es(i){const t=typeof i=="object"&&i!==null?i:null,e=String(t?.code??""),s=t?.data&&typeof t.data=="object"?t.data:{},r=typeof s.retry_after=="number"?s.retry_after:null,n=(a,o,l={})=>({kind:a,text:o,openSensors:[],bypassable:!1,retryAfter:r,...l});switch(e){case"invalid_code":return r===null?n("wrong_code","Wrong code — try again."):n("lockout","Wrong code. Too many wrong codes: code entry is locked.");case"locked_out":return n("lockout","Too many wrong codes: code entry is locked.");case"not_ready":{const a=s.bypassable===!0,o=s.mode?` ${Ss(s.mode)}`:"";return n("not_ready",a?`Not ready to arm${o} — open:`:"Cannot arm: these sensors cannot be bypassed:",{openSensors:Array.isArray(s.open_sensors)?s.open_sensors:[],bypassable:a})}case"code_required":return n("code_required","Enter your code first.");case"unauthorized":{const a=g(i).replace(/^Unauthorized:?\s*/i,"");return n("unauthorized",a?`Not allowed: ${a}`:"Not allowed.")}case"not_found":return n("not_found",g(i));default:return n("other",g(i))}}function Qs(i,t){return t?t.startsWith("user:")?i.user&&t===`user:${i.user.id}`?`you (${i.user.name})`:"a hub user":t:""}const xs=[["armed_away","Arm away"],["armed_home","Arm home"],["armed_night","Arm night"],["armed_vacation","Arm vacation"]],As=["1","2","3","4","5","6","7","8","9","clear","0","back"];class Ms extends f{constructor(){super(),this.timer=0,this.unsubPanels=null,this.forceMode="",this.lockedUntil=new Map,this.panels=null,this.loadError="",this.selected="",this.code="",this.message="",this.failure=null,this.busy=!1,this.tick=0}static{this.properties={...f.properties,panels:{state:!0},loadError:{state:!0},selected:{state:!0},code:{state:!0},message:{state:!0},failure:{state:!0},busy:{state:!0},tick:{state:!0}}}static{this.styles=[$,_`
      .panels {
        display: flex;
        gap: 0.4rem;
        flex-wrap: wrap;
        margin-bottom: 0.8rem;
      }
      .panels button[aria-pressed="true"] {
        background: var(--accent);
        color: #fff;
        border-color: var(--accent);
      }
      .keypad-wrap {
        display: grid;
        grid-template-columns: minmax(260px, 380px) 1fr;
        gap: 1rem;
        align-items: start;
      }
      @media (max-width: 800px) {
        .keypad-wrap {
          grid-template-columns: 1fr;
        }
      }
      .status {
        font-size: 1.5rem;
        font-weight: 700;
        padding: 0.8rem;
        border-radius: 10px;
        text-align: center;
        background: var(--btn);
      }
      .status.disarmed {
        background: var(--ok);
        color: #fff;
      }
      .status.armed {
        background: var(--accent);
        color: #fff;
      }
      .status.pending,
      .status.arming {
        background: var(--warn);
        color: #fff;
      }
      .status.triggered {
        background: var(--danger);
        color: #fff;
        animation: pulse 1s infinite alternate;
      }
      @keyframes pulse {
        to {
          opacity: 0.7;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .status.triggered {
          animation: none;
        }
      }
      .keys {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 0.5rem;
        margin: 0.7rem 0;
      }
      .keys button {
        font-size: 1.4rem;
        min-height: 56px;
      }
      .code {
        width: 100%;
        font-size: 1.4rem;
        text-align: center;
        letter-spacing: 0.3em;
      }
      .actions {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.5rem;
      }
      .actions .disarm {
        grid-column: 1 / -1;
      }
      .msg {
        margin: 0.6rem 0 0;
        font-weight: 600;
      }
      ul {
        margin: 0.3rem 0;
        padding-left: 1.2rem;
      }
      .locked {
        margin: 0.6rem 0;
        padding: 0.5rem 0.7rem;
        border-left: 4px solid var(--warn);
        background: var(--bg);
        border-radius: 6px;
        font-weight: 600;
      }
    `]}hubConnected(){X(()=>import("./incidents-sCK1B9pZ.js"),[]),this.timer=window.setInterval(()=>this.tick=Date.now(),1e3),Qt(this.hub,t=>{this.panels=t,this.loadError=""}).then(t=>{this.isConnected?this.unsubPanels=t:t()}).catch(t=>{this.panels=[],this.loadError=M(t)?"":g(t)})}disconnectedCallback(){super.disconnectedCallback(),clearInterval(this.timer),this.unsubPanels?.().catch(()=>{}),this.unsubPanels=null}async send(t,e,s=!1){this.busy=!0,this.message="",this.failure=null;const r=this.code;try{const n=e==="disarmed"?await ks(this.hub,t.entity_id,r):await ws(this.hub,t.entity_id,e,r,s);this.panels=(this.panels??[]).map(a=>a.entity_id===n.entity_id?n:a),this.lockedUntil.delete(t.entity_id),this.message=e==="disarmed"?"Disarmed.":s?"Arming with open sensors bypassed.":"Command accepted."}catch(n){this.failure=Es(n),this.message=this.failure.text,this.forceMode=e==="disarmed"?"":e,this.failure.retryAfter!==null&&this.lockedUntil.set(t.entity_id,Date.now()+this.failure.retryAfter*1e3)}finally{this.code="",this.busy=!1}(this.failure?.kind==="wrong_code"||this.failure?.kind==="code_required")&&(await this.updateComplete,this.renderRoot.querySelector("#code")?.focus())}press(t){t==="clear"?this.code="":t==="back"?this.code=this.code.slice(0,-1):this.code.length<16&&(this.code+=t)}delayLeft(t){this.tick;const e=t.state==="pending"?t.entry_delay_remaining:t.exit_delay_remaining;return Pt(e,t.receivedAt)}lockoutLeft(t){this.tick;const e=Pt(t.lockout_remaining,t.receivedAt)??0,s=this.lockedUntil.get(t.entity_id),r=s?Math.ceil((s-Date.now())/1e3):0,n=Math.max(e,r);return n>0?n:null}render(){const t=this.panels;if(t===null)return c`<h1>Alarm</h1><p class="muted">Loading alarm panels…</p>`;if(this.loadError)return c`<h1>Alarm</h1><p class="notice">${this.loadError}</p>`;if(!t.length)return c`<h1>Alarm</h1>
        <p class="notice">No alarm panels on this hub. Configure the <code>alarm:</code> integration.</p>`;const e=t.find(s=>s.entity_id===this.selected)??t[0];return c`
      <h1>Alarm</h1>
      ${t.length>1?c`<div class="panels" role="group" aria-label="Alarm areas">
            ${t.map(s=>c`<button
                aria-pressed=${s.entity_id===e.entity_id?"true":"false"}
                @click=${()=>{this.selected=s.entity_id,this.message="",this.failure=null}}
              >
                ${s.name} · ${J(s.state)}
              </button>`)}
          </div>`:h}
      <div class="keypad-wrap">${this.renderKeypad(e)} ${this.renderDetails(e)}</div>
    `}renderKeypad(t){const e=t.state,s=e.startsWith("armed")?"armed":e,r=this.delayLeft(t),n=this.lockoutLeft(t),a=e==="disarmed";return c`<div class="card" data-testid="keypad">
      <h2>${t.name}</h2>
      <div class="status ${s}" role="status" aria-live="assertive" data-testid="alarm-state">
        ${J(e)}${r!==null?c` · <span data-testid="countdown">${r} s</span>`:h}
      </div>
      ${e==="arming"?c`<p class="small">Exit delay running — leave now, or disarm.</p>`:e==="pending"?c`<p class="small"><strong>Entry delay — enter your code to disarm.</strong></p>`:h}
      ${n!==null?c`<p class="locked" role="status" data-testid="lockout">
            Code entry is locked — try again in <span data-testid="lockout-countdown">${$s(n)}</span>
          </p>`:h}
      <label class="sr-only" for="code">Alarm code</label>
      <input
        id="code"
        class="code"
        type="password"
        inputmode=${t.code_format==="text"?"text":"numeric"}
        autocomplete="off"
        placeholder="Code"
        .value=${this.code}
        @input=${o=>this.code=o.target.value}
        @keydown=${o=>{o.key==="Enter"&&this.send(t,a?"armed_away":"disarmed")}}
      />
      <div class="keys" role="group" aria-label="Keypad">
        ${As.map(o=>c`<button
            ?disabled=${this.busy}
            aria-label=${o==="clear"?"Clear code":o==="back"?"Delete last digit":o}
            @click=${()=>this.press(o)}
          >
            ${o==="clear"?"C":o==="back"?"⌫":o}
          </button>`)}
      </div>
      <div class="actions">
        ${xs.map(([o,l])=>c`<button
            class=${e===o?"primary":""}
            ?disabled=${this.busy||!a}
            @click=${()=>this.send(t,o)}
          >
            ${l}
          </button>`)}
        <button class="disarm danger" ?disabled=${this.busy||a} @click=${()=>this.send(t,"disarmed")}>
          Disarm
        </button>
      </div>
      ${this.renderMessage(t)}
    </div>`}renderMessage(t){if(!this.message)return h;const e=this.failure;if(!e)return c`<p class="msg" role="status" data-testid="alarm-message">${this.message}</p>`;const s=e.kind==="not_ready"&&e.bypassable&&t.state==="disarmed"&&this.forceMode;return c`<div class="msg error" role="alert" data-testid="alarm-message" data-kind=${e.kind}>
      ${this.message}
      ${e.openSensors.length?c`<ul data-testid="not-ready-sensors">
            ${e.openSensors.map(r=>c`<li>${r.name}</li>`)}
          </ul>`:h}
      ${s?c`<div>
            ${t.code_arm_required?c`<p class="small">Enter the code again to arm anyway.</p>`:h}
            <button class="force" ?disabled=${this.busy} @click=${()=>this.send(t,this.forceMode,!0)}>
              Arm anyway (bypass open sensors)
            </button>
          </div>`:h}
    </div>`}renderDetails(t){const e=s=>c`<ul>
        ${s.map(r=>c`<li>${r.name} <span class="muted small">(${r.entity_id})</span></li>`)}
      </ul>`;return c`<div class="card" data-testid="alarm-details">
      ${t.state==="triggered"?c`<h2 class="error">Alarm triggered</h2>
            ${t.trigger_sensors.length?c`<p>Triggered by:</p>${e(t.trigger_sensors)}`:c`<p>Trigger source unknown.</p>`}`:h}
      <h3>Ready to arm</h3>
      <div data-testid="readiness">
        ${t.open_sensors.length?c`<p class="error">Not ready — open sensors:</p>
              ${e(t.open_sensors)}
              ${t.state==="disarmed"?c`<button @click=${()=>this.send(t,"armed_away",!0)}>
                    Force arm away (bypass open sensors)
                  </button>`:h}`:c`<p>All sensors are closed.</p>`}
      </div>
      ${t.bypassed_sensors.length?c`<h3>Bypassed</h3>${e(t.bypassed_sensors)}`:h}
      ${t.changed_by?c`<p class="small muted">Last changed by ${t.changed_by}</p>`:h}
      <bastion-incidents .hub=${this.hub} .areas=${t.areas} compact data-testid="keypad-incidents"></bastion-incidents>
    </div>`}}customElements.define("bastion-alarm",Ms);const Cs=new Set(["door","window","garage_door","opening"]),Ts=5e3,Os=100;class Ns extends f{constructor(){super(),this.refresh=0,this.unsubPlaybooks=null,this.unsubPanels=null,this.audit=null,this.auditError="",this.auditFilter="",this.playbooks=null,this.playbookError="",this.panels=[]}static{this.properties={...f.properties,audit:{state:!0},auditError:{state:!0},auditFilter:{state:!0},playbooks:{state:!0},playbookError:{state:!0},panels:{state:!0}}}static{this.styles=[$,_`
      .cols {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr));
        gap: 0.8rem;
        margin-bottom: 0.8rem;
      }
      .incidents {
        margin-bottom: 0.8rem;
      }
      ul {
        margin: 0;
        padding-left: 1.1rem;
      }
      li {
        margin: 0.2rem 0;
      }
      .alert {
        border-left: 4px solid var(--danger);
        padding: 0.4rem 0.6rem;
        margin: 0.4rem 0;
        background: var(--bg);
        border-radius: 6px;
      }
      .table-wrap {
        overflow-x: auto;
      }
    `]}hubConnected(){X(()=>import("./incidents-sCK1B9pZ.js"),[]),this.loadPlaybooks(),this.loadAudit(),Qt(this.hub,t=>this.panels=t).then(t=>{this.isConnected?this.unsubPanels=t:t()}).catch(()=>{}),this.refresh=window.setInterval(()=>{this.loadPlaybooks()},Ts),this.hub.user?.is_admin&&this.hub.conn.subscribeEvents(()=>{this.loadPlaybooks()},"alarm_playbook").then(t=>this.unsubPlaybooks=t).catch(()=>{})}disconnectedCallback(){super.disconnectedCallback(),clearInterval(this.refresh),this.unsubPlaybooks?.(),this.unsubPlaybooks=null,this.unsubPanels?.().catch(()=>{}),this.unsubPanels=null}async loadPlaybooks(){try{this.playbooks=await gs(this.hub),this.playbookError=""}catch(t){this.playbooks=null,this.playbookError=M(t)?P("Playbook status (alarm/playbooks)"):g(t)}}async loadAudit(){try{const t=this.auditFilter.trim();this.audit=await this.hub.call({type:"audit/list",limit:Os,...t?{action:t}:{}}),this.auditError=""}catch(t){this.audit=null,this.auditError=M(t)?P("The audit log viewer (audit/list)"):g(t)}}list(t){return Object.values(this.hub.entities).filter(t)}render(){const t=this.panels,e=t.filter(o=>o.state==="triggered"||o.state==="pending"),s=this.list(o=>w(o.entity_id)==="binary_sensor"&&Cs.has(String(o.attributes.device_class))&&o.state==="on"),r=this.list(o=>w(o.entity_id)==="lock"&&o.state!=="locked"),n=this.list(o=>w(o.entity_id)==="binary_sensor"&&["smoke","gas","carbon_monoxide","moisture","tamper"].includes(String(o.attributes.device_class))&&o.state==="on"),a=[...new Map(t.flatMap(o=>o.bypassed_sensors.map(l=>[l.entity_id,l.name]))).values()];return c`
      <h1>Security center</h1>
      <section class="card incidents" aria-labelledby="incidents-h">
        <h2 id="incidents-h">Incidents</h2>
        <bastion-incidents .hub=${this.hub}></bastion-incidents>
      </section>
      <div class="cols">
        <section class="card" aria-labelledby="alarms-h">
          <h2 id="alarms-h">Active alarms and alerts</h2>
          ${e.map(o=>c`<div class="alert"><strong>${o.name}</strong>: ${J(o.state)}
              ${o.trigger_sensors.length?c`<div class="small">Sensor: ${o.trigger_sensors.map(l=>l.name).join(", ")}</div>`:h}</div>`)}
          ${n.map(o=>c`<div class="alert"><strong>${this.hub.name(o.entity_id)}</strong>: ${G(o)}</div>`)}
          ${!e.length&&!n.length?c`<p data-testid="all-clear">No active alarms.</p>`:h}
        </section>
        <section class="card" aria-labelledby="open-h">
          <h2 id="open-h">Open doors and windows</h2>
          ${s.length?c`<ul>${s.map(o=>c`<li>${this.hub.name(o.entity_id)} — ${G(o)}</li>`)}</ul>`:c`<p>All closed.</p>`}
          <h3 style="margin-top:0.8rem">Unlocked locks</h3>
          ${r.length?c`<ul>${r.map(o=>c`<li>${this.hub.name(o.entity_id)} — ${G(o)}</li>`)}</ul>`:c`<p>All locked.</p>`}
        </section>
        <section class="card" aria-labelledby="bypass-h">
          <h2 id="bypass-h">Bypassed sensors</h2>
          ${a.length?c`<ul>${a.map(o=>c`<li>${o}</li>`)}</ul>`:c`<p>None.</p>`}
          <h3 style="margin-top:0.8rem">Life-safety playbooks</h3>
          ${this.renderPlaybooks()}
        </section>
      </div>
      <section class="card" aria-labelledby="audit-h">
        <div class="row">
          <h2 id="audit-h">Audit log</h2>
          <span class="spacer"></span>
          <input
            type="search"
            placeholder="Filter by action (e.g. login)"
            aria-label="Filter audit log by action"
            .value=${this.auditFilter}
            @change=${o=>{this.auditFilter=o.target.value,this.loadAudit()}}
          />
        </div>
        ${this.auditError?c`<p class="muted">${this.auditError}</p>`:h}
        ${this.audit?c`<div class="table-wrap"><table>
              <thead><tr><th>Time</th><th>Action</th><th>Who</th><th>Target</th><th>Outcome</th></tr></thead>
              <tbody>
                ${this.audit.map(o=>c`<tr>
                    <td>${R(o.time??o.ts??"")}</td>
                    <td>${o.action}</td>
                    <td>${o.username??o.user_id??"—"}</td>
                    <td>${o.target??"—"}</td>
                    <td>${o.outcome??""}</td>
                  </tr>`)}
              </tbody>
            </table></div>`:h}
      </section>
    `}renderPlaybooks(){return this.playbookError?c`<p class="muted">${this.playbookError}</p>`:this.playbooks?this.playbooks.length?c`<ul data-testid="playbooks">
      ${this.playbooks.map(t=>c`<li data-playbook=${t.playbook}>
          <strong>${vs[t.playbook]??t.playbook}</strong> —
          ${t.active?c`<span class="badge bad">Active</span>`:c`<span class="badge">Idle</span>`}
          ${t.holding.length?c`<div class="small">Holding ${t.holding.map(e=>this.hub.name(e)).join(", ")}</div>`:h}
          ${t.triggers.length?c`<div class="small muted">Starts on: ${t.triggers.join(", ").replace(/_/g," ")}</div>`:h}
        </li>`)}
    </ul>`:c`<p>None configured.</p>`:h}}customElements.define("bastion-security",Ns);const Ps='.uplot,.uplot *,.uplot *:before,.uplot *:after{box-sizing:border-box}.uplot{font-family:system-ui,-apple-system,Segoe UI,Roboto,Helvetica Neue,Arial,Noto Sans,sans-serif,"Apple Color Emoji","Segoe UI Emoji",Segoe UI Symbol,"Noto Color Emoji";line-height:1.5;width:min-content}.u-title{text-align:center;font-size:18px;font-weight:700}.u-wrap{position:relative;user-select:none}.u-over,.u-under{position:absolute}.u-under{overflow:hidden}.uplot canvas{display:block;position:relative;width:100%;height:100%}.u-axis{position:absolute}.u-legend{font-size:14px;margin:auto;text-align:center}.u-inline{display:block}.u-inline *{display:inline-block}.u-inline tr{margin-right:16px}.u-legend th{font-weight:600}.u-legend th>*{vertical-align:middle;display:inline-block}.u-legend .u-marker{width:1em;height:1em;margin-right:4px;background-clip:padding-box!important}.u-inline.u-live th:after{content:":";vertical-align:middle}.u-inline:not(.u-live) .u-value{display:none}.u-series>*{padding:4px}.u-series th{cursor:pointer}.u-legend .u-off>*{opacity:.3}.u-select{background:#00000012;position:absolute;pointer-events:none}.u-cursor-x,.u-cursor-y{position:absolute;left:0;top:0;pointer-events:none;will-change:transform}.u-hz .u-cursor-x,.u-vt .u-cursor-y{height:100%;border-right:1px dashed #607D8B}.u-hz .u-cursor-y,.u-vt .u-cursor-x{width:100%;border-bottom:1px dashed #607D8B}.u-cursor-pt{position:absolute;top:0;left:0;border-radius:50%;border:0 solid;pointer-events:none;will-change:transform;background-clip:padding-box!important}.u-axis.u-off,.u-select.u-off,.u-cursor-x.u-off,.u-cursor-y.u-off,.u-cursor-pt.u-off{display:none}',Xt=[["1 hour",1],["6 hours",6],["24 hours",24],["7 days",168]],Rs=8,Us=i=>i.length>0&&i.every(t=>t.s==="unavailable"||t.s==="unknown"||Number.isFinite(Number(t.s)));class Ls extends f{constructor(){super(),this.charts=[],this.hours=24,this.selected=[],this.data=null,this.error=""}static{this.properties={...f.properties,hours:{state:!0},selected:{state:!0},data:{state:!0},error:{state:!0}}}static{this.styles=[$,Ht(Ps),_`
      .chart {
        margin: 0.6rem 0 1rem;
        overflow: hidden;
      }
      .timeline {
        display: flex;
        height: 26px;
        border-radius: 6px;
        overflow: hidden;
        border: 1px solid var(--border);
      }
      .seg {
        height: 100%;
        font-size: 0.7rem;
        color: #fff;
        overflow: hidden;
        white-space: nowrap;
        padding: 0 2px;
        line-height: 26px;
      }
      .seg.on {
        background: var(--accent);
      }
      .seg.off {
        background: var(--muted);
      }
      .seg.na {
        background: repeating-linear-gradient(45deg, var(--border), var(--border) 4px, transparent 4px, transparent 8px);
        color: var(--fg);
      }
      select[multiple] {
        min-height: 8rem;
        width: min(420px, 100%);
      }
      .u-legend {
        color: var(--fg);
      }
    `]}hubConnected(){if(!this.selected.length){const e=Object.keys(this.hub.entities).filter(s=>["sensor","binary_sensor","lock","light"].includes(w(s))).sort().slice(0,Rs);this.selected=e}this.load()}disconnectedCallback(){super.disconnectedCallback(),this.charts.forEach(t=>t.destroy()),this.charts=[]}async load(){if(!this.selected.length){this.data={};return}try{this.data=await this.hub.call({type:"history/history_during_period",start_time:new Date(Date.now()-this.hours*36e5).toISOString(),entity_ids:this.selected,minimal_response:!0,no_attributes:!0,significant_changes_only:!1}),this.error=""}catch(t){this.data=null,this.error=M(t)?P("History (the recorder)"):`The hub could not read the history: ${g(t)}`}}async updated(){if(this.charts.forEach(a=>a.destroy()),this.charts=[],!this.data)return;const t=this.renderRoot.querySelectorAll("[data-chart]");if(!t.length)return;const{default:e}=await X(async()=>{const{default:a}=await import("./uPlot.esm-CluHQUMV.js");return{default:a}},[]),s=getComputedStyle(this),r=s.getPropertyValue("--accent").trim()||"#1d5fa8",n=s.getPropertyValue("--muted").trim()||"#666";for(const a of t){const o=a.dataset.chart,l=this.data[o]??[],p=l.map(b=>b.lu??b.lc??0),u=l.map(b=>Number.isFinite(Number(b.s))?Number(b.s):null),d=Math.max(240,a.clientWidth-4),m=String(this.hub.entities[o]?.attributes.unit_of_measurement??"");this.charts.push(new e({width:d,height:180,series:[{},{label:m||o,stroke:r,width:2,spanGaps:!1}],axes:[{stroke:n},{stroke:n}],legend:{show:!1}},[p,u],a))}}renderTimeline(t,e){const s=Date.now()/1e3,r=s-this.hours*3600,n=e.map((a,o)=>{const l=Math.max(r,a.lu??a.lc??r),p=e[o+1],u=p?p.lu??p.lc??s:s;return{state:a.s,width:Math.max(0,(u-l)/(s-r)*100)}});return c`<div class="timeline" role="img" aria-label="Timeline of ${this.hub.name(t)}">
      ${n.map(a=>c`<div
          class="seg ${["on","open","unlocked","home"].includes(a.state)?"on":a.state==="unavailable"||a.state==="unknown"?"na":"off"}"
          style="width:${a.width.toFixed(3)}%"
          title=${a.state}
        >
          ${a.width>8?a.state:""}
        </div>`)}
    </div>`}render(){const t=Object.keys(this.hub.entities).sort();return c`
      <h1>History</h1>
      <div class="row card">
        <label
          >Entities
          <select
            multiple
            aria-label="Entities to show"
            @change=${e=>{this.selected=[...e.target.selectedOptions].map(s=>s.value),this.load()}}
          >
            ${t.map(e=>c`<option value=${e} ?selected=${this.selected.includes(e)}>${this.hub.name(e)}</option>`)}
          </select>
        </label>
        <label
          >Period
          <select
            @change=${e=>{this.hours=Number(e.target.value),this.load()}}
          >
            ${Xt.map(([e,s])=>c`<option value=${s} ?selected=${s===this.hours}>${e}</option>`)}
          </select>
        </label>
      </div>
      ${this.error?c`<p class="notice" data-testid="recorder-error">${this.error}</p>`:h}
      ${this.data?this.selected.map(e=>{const s=this.data[e]??[];return c`<section class="card chart">
              <h3>${this.hub.name(e)}</h3>
              ${s.length?Us(s)?c`<div data-chart=${e}></div>`:this.renderTimeline(e,s):c`<p class="muted small">No history in this period.</p>`}
            </section>`}):h}
    `}}customElements.define("bastion-history",Ls);class Ds extends f{static{this.properties={...f.properties,entries:{state:!0},error:{state:!0},hours:{state:!0}}}constructor(){super(),this.entries=null,this.error="",this.hours=24}hubConnected(){this.load()}async load(){try{const t=await this.hub.call({type:"logbook/get_events",start_time:new Date(Date.now()-this.hours*36e5).toISOString()});this.entries=[...t].reverse(),this.error=""}catch(t){this.entries=null,this.error=M(t)?P("The logbook (the recorder)"):`The hub could not read the logbook: ${g(t)}`}}render(){return c`
      <div class="row">
        <h1>Logbook</h1>
        <span class="spacer"></span>
        <select
          aria-label="Period"
          @change=${t=>{this.hours=Number(t.target.value),this.load()}}
        >
          ${Xt.map(([t,e])=>c`<option value=${e} ?selected=${e===this.hours}>${t}</option>`)}
        </select>
        <button @click=${()=>this.load()}>Refresh</button>
      </div>
      ${this.error?c`<p class="notice" data-testid="recorder-error">${this.error}</p>`:h}
      ${this.entries&&!this.entries.length?c`<p class="muted">Nothing happened in this period.</p>`:h}
      ${this.entries?c`<div class="card"><table>
            <tbody>
              ${this.entries.map(t=>c`<tr>
                  <td class="small muted" style="white-space:nowrap">${R(t.when)}</td>
                  <td>
                    <strong>${t.name??t.entity_id??""}</strong> ${t.message??t.state??""}
                    ${t.context_user_name?c` by <strong>${t.context_user_name}</strong>`:t.context_name?c` <span class="muted">triggered by ${t.context_name}</span>`:h}
                  </td>
                </tr>`)}
            </tbody>
          </table></div>`:h}
    `}}customElements.define("bastion-logbook",Ds);class Is extends f{constructor(){super(),this.traceKey="",this.path=[],this.message="",this.traces=null,this.trace=null,this.traceError="",this.editorReady=!1}static{this.properties={...f.properties,path:{attribute:!1},message:{state:!0},traces:{state:!0},trace:{state:!0},traceError:{state:!0},editorReady:{state:!0}}}static{this.styles=[$,_`
      td.actions {
        white-space: nowrap;
        text-align: right;
      }
      td.actions button,
      td.actions a {
        margin-left: 0.3rem;
      }
      a.btn {
        text-decoration: none;
        display: inline-block;
      }
      pre {
        white-space: pre-wrap;
        font-size: 0.8rem;
        background: var(--bg);
        padding: 0.6rem;
        border-radius: 6px;
        max-height: 60vh;
        overflow: auto;
      }
      .table-wrap {
        overflow-x: auto;
      }
    `]}items(t){return Object.values(this.hub.entities).filter(e=>w(e.entity_id)===t).sort((e,s)=>this.hub.name(e.entity_id).localeCompare(this.hub.name(s.entity_id)))}async act(t,e,s,r){try{await this.hub.callService(t,e,{entity_id:s}),this.message=r}catch(n){this.message=g(n)}}willUpdate(){const[t,e,s,r]=this.path;if(t==="edit"&&!this.editorReady&&X(()=>import("./automation-editor-BAiJzQoh.js"),[]).then(()=>this.editorReady=!0),t==="traces"&&e&&s){const n=this.path.join("/");n!==this.traceKey&&(this.traceKey=n,this.loadTraces(e,s,r))}}async loadTraces(t,e,s){this.traceError="";try{this.traces=await this.hub.call({type:"trace/list",domain:t,item_id:e});const r=s??this.traces.at(-1)?.run_id;this.trace=r?await this.hub.call({type:"trace/get",domain:t,item_id:e,run_id:r}):null}catch(r){this.traces=null,this.trace=null,this.traceError=M(r)?P("Run traces (trace/list)"):g(r)}}render(){const[t,e,s]=this.path;if(t==="edit"){const r=e==="script"?"script":"automation",n=e==="script"||e==="automation"?s:e;return this.editorReady?c`<bastion-automation-editor .hub=${this.hub} .domain=${r} .itemId=${n??""}></bastion-automation-editor>`:c`<p class="muted">Loading editor…</p>`}return t==="traces"?this.renderTraces(e,s):c`
      <div class="row">
        <h1>Automations</h1>
        <span class="spacer"></span>
        <a class="btn" href="#/automations/edit/automation/new">New automation</a>
      </div>
      ${this.message?c`<p role="status">${this.message}</p>`:h}
      ${this.renderTable("automation")}
      <h1 style="margin-top:1.2rem">Scripts</h1>
      ${this.renderTable("script")}
    `}renderTable(t){const e=this.items(t);return e.length?c`<div class="card table-wrap"><table>
      <thead><tr><th>Name</th><th>State</th><th>Last run</th><th><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>
        ${e.map(s=>{const r=String(s.attributes.id??s.entity_id.split(".")[1]),n=this.hub.name(s.entity_id),a=s.state==="on",o=s.attributes.last_triggered;return c`<tr data-entity=${s.entity_id}>
            <td>${n}</td>
            <td>
              ${t==="automation"?c`<span class="badge ${a?"on":""}">${a?"Enabled":"Disabled"}</span>`:c`<span class="badge ${a?"on":""}">${a?"Running":"Idle"}</span>`}
            </td>
            <td class="small">${o?c`<span title=${R(o)}>${ut(o)}</span>`:"never"}</td>
            <td class="actions">
              ${t==="automation"?c`<button
                      aria-label="${a?"Disable":"Enable"} ${n}"
                      @click=${()=>this.act("automation",a?"turn_off":"turn_on",s.entity_id,a?`${n} disabled.`:`${n} enabled.`)}
                    >
                      ${a?"Disable":"Enable"}
                    </button>
                    <button aria-label="Run ${n}" @click=${()=>this.act("automation","trigger",s.entity_id,`${n} ran.`)}>Run</button>`:c`<button aria-label="Run ${n}" @click=${()=>this.act("script","turn_on",s.entity_id,`${n} started.`)}>Run</button>`}
              <a class="btn" href="#/automations/edit/${t}/${encodeURIComponent(r)}" aria-label="Edit ${n}">Edit</a>
              <a class="btn" href="#/automations/traces/${t}/${encodeURIComponent(r)}" aria-label="Traces of ${n}">Traces</a>
            </td>
          </tr>`})}
      </tbody>
    </table></div>`:c`<p class="muted">None configured.</p>`}renderTraces(t,e){return c`
      <div class="row">
        <a class="btn" href="#/automations">← Back</a>
        <h1>Traces · ${t}.${e}</h1>
      </div>
      ${this.traceError?c`<p class="notice">${this.traceError}</p>`:h}
      ${this.traces&&!this.traces.length?c`<p class="muted">No runs recorded yet.</p>`:h}
      ${this.traces?.length?c`<div class="card"><table>
            <thead><tr><th>Started</th><th>Result</th><th>Trigger</th><th></th></tr></thead>
            <tbody>
              ${[...this.traces].reverse().map(s=>c`<tr>
                  <td>${s.timestamp?R(s.timestamp.start):"—"}</td>
                  <td>${s.script_execution??s.state??""} ${s.error?c`<span class="error">${s.error}</span>`:h}</td>
                  <td>${s.trigger??""}</td>
                  <td><a class="btn" href="#/automations/traces/${t}/${encodeURIComponent(e)}/${s.run_id}">Show</a></td>
                </tr>`)}
            </tbody>
          </table></div>`:h}
      ${this.trace?c`<h2 style="margin-top:1rem">Run details</h2><pre>${JSON.stringify(this.trace,null,2)}</pre>`:h}
    `}}customElements.define("bastion-automations",Is);const Hs=365;class zs extends f{static{this.properties={...f.properties,users:{state:!0},usersError:{state:!0},tokens:{state:!0},newToken:{state:!0},message:{state:!0}}}constructor(){super(),this.users=null,this.usersError="",this.tokens=null,this.newToken="",this.message=""}static{this.styles=[$,_`
      section {
        margin-bottom: 1rem;
      }
      code {
        word-break: break-all;
        display: block;
        padding: 0.5rem;
        background: var(--bg);
        border-radius: 6px;
      }
      .table-wrap {
        overflow-x: auto;
      }
    `]}hubConnected(){this.load()}async load(){if(this.hub.user?.is_admin)try{this.users=await this.hub.call({type:"config/auth/list"}),this.usersError=""}catch(t){this.users=null,this.usersError=M(t)?P("User management (config/auth/list)"):g(t)}try{this.tokens=await this.hub.call({type:"auth/refresh_tokens"})}catch(t){this.tokens=null,this.message=g(t)}}async createToken(t){t.preventDefault();const e=t.target.elements.namedItem("client_name");try{this.newToken=await this.hub.call({type:"auth/long_lived_access_token",client_name:e.value,lifespan:Hs}),e.value="",await this.load()}catch(s){this.message=g(s)}}async revoke(t){if(confirm(`Revoke ${t.client_name??t.client_id??"this token"}?`))try{await this.hub.call({type:"auth/delete_refresh_token",refresh_token_id:t.id}),await this.load()}catch(e){this.message=g(e)}}render(){const t=this.hub.user;return c`
      <h1>Users and access</h1>
      <section class="card">
        <h2>You</h2>
        <p>
          ${t?.name} <span class="muted">(${t?.username??""})</span>
          <span class="badge">${t?.role??(t?.is_owner?"owner":t?.is_admin?"admin":"user")}</span>
          ${t?.mfa_modules?.some(e=>e.enabled)?c`<span class="badge on">Two-factor on</span>`:c`<span class="badge">Two-factor off</span>`}
        </p>
      </section>
      ${t?.is_admin?c`<section class="card">
            <h2>Users and roles</h2>
            ${this.usersError?c`<p class="muted">${this.usersError}</p>`:h}
            ${this.users?c`<div class="table-wrap"><table>
                  <thead><tr><th>Name</th><th>Username</th><th>Role</th><th>Active</th><th>MFA</th></tr></thead>
                  <tbody>
                    ${this.users.map(e=>c`<tr>
                        <td>${e.name}</td>
                        <td>${e.username??"—"}</td>
                        <td>${e.role??(e.is_owner?"owner":(e.group_ids??[]).join(", "))}</td>
                        <td>${e.is_active===!1?"No":"Yes"}</td>
                        <td>${e.mfa_enabled?"Yes":"No"}</td>
                      </tr>`)}
                  </tbody>
                </table></div>`:h}
          </section>`:h}
      <section class="card">
        <h2>Sessions and long-lived tokens</h2>
        ${this.message?c`<p class="error" role="alert">${this.message}</p>`:h}
        ${this.tokens?c`<div class="table-wrap"><table>
              <thead><tr><th>Client</th><th>Type</th><th>Created</th><th>Last used</th><th></th></tr></thead>
              <tbody>
                ${this.tokens.map(e=>c`<tr>
                    <td>${e.client_name??e.client_id??"—"} ${e.is_current?c`<span class="badge on">this browser</span>`:h}</td>
                    <td>${(e.token_type??e.type??"").replace(/_/g," ")}</td>
                    <td>${e.created_at?R(e.created_at):"—"}</td>
                    <td>${e.last_used_at?`${R(e.last_used_at)} ${e.last_used_ip??""}`:"—"}</td>
                    <td>${e.is_current?h:c`<button @click=${()=>this.revoke(e)}>Revoke</button>`}</td>
                  </tr>`)}
              </tbody>
            </table></div>`:h}
        <form class="row" style="margin-top:0.8rem" @submit=${this.createToken}>
          <label>New long-lived token name<input name="client_name" required maxlength="128" /></label>
          <button type="submit" style="align-self:flex-end">Create token</button>
        </form>
        ${this.newToken?c`<p class="notice">Copy this token now — it is shown only once:</p>
              <code data-testid="new-token">${this.newToken}</code>`:h}
      </section>
    `}}customElements.define("bastion-users",zs);class js extends f{constructor(){super(),this.unsub=null,this.notes={},this.error=""}static{this.properties={...f.properties,notes:{state:!0},error:{state:!0}}}static{this.styles=[$,_`
      .note {
        margin-bottom: 0.6rem;
      }
      .note p {
        white-space: pre-wrap;
        margin: 0.3rem 0;
      }
    `]}hubConnected(){this.hub.conn.subscribeMessage(t=>this.apply(t),{type:"persistent_notification/subscribe"}).then(t=>this.unsub=t).catch(t=>this.error=g(t))}disconnectedCallback(){super.disconnectedCallback(),this.unsub?.()}apply(t){if(t.type==="current")this.notes={...t.notifications};else if(t.type==="removed"){const e={...this.notes};for(const s of Object.keys(t.notifications))delete e[s];this.notes=e}else this.notes={...this.notes,...t.notifications}}async dismiss(t){try{await this.hub.call({type:"persistent_notification/dismiss",notification_id:t})}catch(e){this.error=g(e)}}render(){const t=Object.values(this.notes).sort((e,s)=>(s.created_at??"").localeCompare(e.created_at??""));return c`
      <h1>Notifications</h1>
      ${this.error?c`<p class="error">${this.error}</p>`:h}
      ${t.length?h:c`<p class="muted">No notifications.</p>`}
      ${t.map(e=>c`<article class="card note" data-testid="notification">
          <div class="row">
            <strong>${e.title??"Notification"}</strong>
            <span class="spacer"></span>
            <span class="small muted">${e.created_at?ut(e.created_at):""}</span>
          </div>
          <p>${e.message}</p>
          <button @click=${()=>this.dismiss(e.notification_id)}>Dismiss</button>
        </article>`)}
    `}}customElements.define("bastion-notifications",js);class qs extends f{constructor(){super(),this.unsub=null,this.health={},this.error=""}static{this.properties={...f.properties,health:{state:!0},error:{state:!0}}}hubConnected(){this.hub.conn.subscribeMessage(t=>{if(t.type==="initial"&&t.data)this.health=t.data;else if(t.type==="update"&&t.domain&&t.key){const e=this.health[t.domain]??{info:{}};this.health={...this.health,[t.domain]:{info:{...e.info,[t.key]:t.data}}}}},{type:"system_health/info"}).then(t=>this.unsub=t).catch(t=>this.error=g(t))}disconnectedCallback(){super.disconnectedCallback(),this.unsub?.()}render(){const t=this.hub.config,e=[["Name",t.location_name],["Version",t.version],["Time zone",t.time_zone],["State",t.state],["Configuration",t.config_dir],["Entities",Object.keys(this.hub.entities).length],["Areas",this.hub.areas.length],["Integrations",Array.isArray(t.components)?t.components.length:"—"]];return c`
      <h1>System</h1>
      <section class="card">
        <table>
          <tbody>
            ${e.map(([s,r])=>c`<tr><th scope="row">${s}</th><td>${String(r??"—")}</td></tr>`)}
          </tbody>
        </table>
      </section>
      <h2 style="margin-top:1rem">Health</h2>
      ${this.error?c`<p class="error">${this.error}</p>`:h}
      ${Object.entries(this.health).map(([s,r])=>c`<section class="card" style="margin-bottom:0.6rem">
          <h3>${s}</h3>
          <table>
            <tbody>
              ${Object.entries(r.info??{}).map(([n,a])=>c`<tr><th scope="row">${n.replace(/_/g," ")}</th><td>${typeof a=="object"?JSON.stringify(a):String(a)}</td></tr>`)}
            </tbody>
          </table>
        </section>`)}
    `}}customElements.define("bastion-system",qs);const rt="bastion.theme",Rt=`
  --bg:#f3f5f8; --card:#ffffff; --fg:#15202b; --muted:#5b6875; --border:#d5dbe2;
  --btn:#eef1f5; --input:#ffffff; --accent:#1d5fa8; --accent-soft:#dbe8f7;
  --danger:#b3261e; --warn:#b26a00; --ok:#1e7d38; --focus:#f0a000; --nav:#14365c; --nav-fg:#ffffff;`,Ut=`
  --bg:#0f1419; --card:#1a2129; --fg:#e6edf3; --muted:#9aa7b4; --border:#2e3944;
  --btn:#232c36; --input:#11171d; --accent:#4c9aed; --accent-soft:#1c3550;
  --danger:#ef5350; --warn:#f0a030; --ok:#4caf50; --focus:#ffcc33; --nav:#0b1e33; --nav-fg:#e6edf3;`;function te(){const i=localStorage.getItem(rt);return i==="light"||i==="dark"?i:"auto"}function Vs(i){i==="auto"?localStorage.removeItem(rt):localStorage.setItem(rt,i),ee()}function ee(){let i=document.getElementById("bastion-theme");i||(i=document.createElement("style"),i.id="bastion-theme",document.head.append(i));const t=te(),e=`html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:16px}
    body{margin:0;background:var(--bg);color:var(--fg)}`,s=t==="auto"?`:root{${Rt}} @media (prefers-color-scheme: dark){:root{${Ut}}}`:`:root{${t==="dark"?Ut:Rt}}`;i.textContent=e+s,document.documentElement.dataset.theme=t}class Bs extends f{static{this.properties={...f.properties,theme:{state:!0}}}constructor(){super(),this.theme=te()}choose(t){Vs(t),this.theme=t}render(){return c`
      <h1>Settings</h1>
      <section class="card">
        <fieldset style="border:0;padding:0;margin:0">
          <legend><h2>Theme (this browser)</h2></legend>
          ${[["auto","Follow the system"],["light","Light"],["dark","Dark"]].map(([e,s])=>c`<label style="flex-direction:row;align-items:center;gap:0.5rem;margin:0.4rem 0">
              <input
                type="radio"
                name="theme"
                value=${e}
                .checked=${this.theme===e}
                @change=${()=>this.choose(e)}
              />
              ${s}
            </label>`)}
        </fieldset>
      </section>
    `}}customElements.define("bastion-settings",Bs);const Fs=[{path:"dashboard",label:"Dashboard",icon:"home"},{path:"alarm",label:"Alarm",icon:"shield"},{path:"security",label:"Security",icon:"alert"},{path:"history",label:"History",icon:"chart"},{path:"logbook",label:"Logbook",icon:"list"},{path:"automations",label:"Automations",icon:"gear",admin:!0},{path:"notifications",label:"Notifications",icon:"bell"},{path:"users",label:"Users",icon:"users"},{path:"system",label:"System",icon:"info",admin:!0},{path:"settings",label:"Settings",icon:"theme"}],Lt=4e3,Dt=()=>{const i=location.hash.replace(/^#\/?/,"").split("/").filter(Boolean);return i.length?i.map(decodeURIComponent):["dashboard"]};class Ws extends S{constructor(){super(),this.resumedTimer=0,this.onHash=()=>{this.route=Dt(),this.navOpen=!1},this.hub=null,this.mode="loading",this.route=Dt(),this.failure="",this.navOpen=!1}static{this.properties={hub:{state:!0},mode:{state:!0},route:{state:!0},failure:{state:!0},navOpen:{state:!0}}}static{this.styles=[$,_`
      :host {
        display: block;
        min-height: 100vh;
      }
      .layout {
        display: grid;
        grid-template-columns: 220px 1fr;
        min-height: 100vh;
      }
      nav {
        background: var(--nav);
        color: var(--nav-fg);
        padding: 0.8rem 0.5rem;
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      nav .brand {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: 700;
        font-size: 1.2rem;
        padding: 0.3rem 0.7rem 0.8rem;
      }
      nav a {
        color: var(--nav-fg);
        text-decoration: none;
        padding: 0.55rem 0.7rem;
        border-radius: 8px;
        display: flex;
        gap: 0.6rem;
        align-items: center;
      }
      nav a[aria-current="page"] {
        background: rgba(255, 255, 255, 0.16);
        font-weight: 600;
      }
      nav a:hover {
        background: rgba(255, 255, 255, 0.1);
      }
      nav .who {
        margin-top: auto;
        padding: 0.6rem 0.7rem;
        font-size: 0.85rem;
        opacity: 0.85;
      }
      nav button {
        background: transparent;
        color: var(--nav-fg);
        border-color: rgba(255, 255, 255, 0.3);
        margin: 0 0.5rem;
      }
      main {
        padding: 1rem 1.2rem 5rem;
        min-width: 0;
      }
      .topbar {
        display: none;
      }
      svg.icon {
        flex: none;
      }
      .banner {
        position: sticky;
        top: 0;
        z-index: 10;
        padding: 0.6rem 1rem;
        font-weight: 600;
        text-align: center;
      }
      .banner.lost {
        background: var(--danger);
        color: #fff;
      }
      .banner.back {
        background: var(--ok);
        color: #fff;
      }
      @media (max-width: 800px) {
        .layout {
          grid-template-columns: 1fr;
        }
        .topbar {
          display: flex;
          align-items: center;
          gap: 0.6rem;
          background: var(--nav);
          color: var(--nav-fg);
          padding: 0.4rem 0.6rem;
          position: sticky;
          top: 0;
          z-index: 5;
        }
        .topbar button {
          background: transparent;
          color: var(--nav-fg);
          border-color: rgba(255, 255, 255, 0.3);
        }
        nav {
          display: none;
        }
        nav.open {
          display: flex;
          position: fixed;
          inset: 48px 0 0 0;
          z-index: 20;
          overflow: auto;
        }
        main {
          padding: 0.8rem 0.7rem 4rem;
        }
      }
    `]}connectedCallback(){super.connectedCallback(),window.addEventListener("hashchange",this.onHash),this.start()}disconnectedCallback(){super.disconnectedCallback(),window.removeEventListener("hashchange",this.onHash)}async start(){const t=Qe();if(t){await this.connect(t);return}this.mode=await xt()?"onboarding":"login"}async connect(t){this.failure="";try{const e=new Xe(t);await e.connect(),e.subscribe(()=>this.onHubChange()),this.hub=e,this.mode="app",(location.hash.startsWith("#/onboarding")||!location.hash)&&(location.hash="#/dashboard")}catch(e){this.failure=`Could not connect: ${g(e)}`,await Ct(null),this.mode=await xt()?"onboarding":"login"}}onHubChange(){const t=this.hub;t&&t.resumedAt&&Date.now()-t.resumedAt<Lt&&(clearTimeout(this.resumedTimer),this.resumedTimer=window.setTimeout(()=>{this.hub&&(this.hub.resumedAt=0),this.requestUpdate()},Lt)),this.requestUpdate()}async signOut(){const t=this.hub;t?.close(),this.hub=null,await Ct(t?.auth??null),this.mode="login"}render(){if(this.mode==="loading")return c`<p class="muted" style="padding:2rem">Loading…</p>`;if(this.mode!=="app"||!this.hub)return c`
        ${this.failure?c`<div class="banner lost" role="alert">${this.failure}</div>`:h}
        <bastion-login
          ?onboarding=${this.mode==="onboarding"}
          @logged-in=${r=>this.connect(r.detail)}
        ></bastion-login>
      `;const t=this.hub,e=t.user?.is_admin??!1,[s]=this.route;return c`
      ${t.status==="disconnected"?c`<div class="banner lost" role="alert" data-testid="connection-lost">
            Connection to the hub lost — reconnecting…
          </div>`:t.resumedAt?c`<div class="banner back" role="status" data-testid="connection-back">
              Connection restored
            </div>`:h}
      <div class="topbar">
        <button
          aria-label="Menu"
          aria-expanded=${this.navOpen}
          @click=${()=>this.navOpen=!this.navOpen}
        >
          ${D("menu")}
        </button>
        <strong>${String(t.config.location_name??"Bastion")}</strong>
      </div>
      <div class="layout">
        <nav class=${this.navOpen?"open":""} aria-label="Main">
          <div class="brand">${D("shield")} ${String(t.config.location_name??"Bastion")}</div>
          ${Fs.filter(r=>e||!r.admin).map(r=>c`<a
              href="#/${r.path}"
              aria-current=${s===r.path?"page":"false"}
              >${D(r.icon)}${r.label}</a
            >`)}
          <div class="who">Signed in as ${t.user?.name??"…"}</div>
          <button @click=${this.signOut}>Sign out</button>
        </nav>
        <main id="main">${this.renderPage(s,t)}</main>
      </div>
    `}renderPage(t,e){const s=this.route.slice(1);switch(t){case"alarm":return c`<bastion-alarm .hub=${e}></bastion-alarm>`;case"security":return c`<bastion-security .hub=${e}></bastion-security>`;case"history":return c`<bastion-history .hub=${e}></bastion-history>`;case"logbook":return c`<bastion-logbook .hub=${e}></bastion-logbook>`;case"automations":return c`<bastion-automations .hub=${e} .path=${s}></bastion-automations>`;case"notifications":return c`<bastion-notifications .hub=${e}></bastion-notifications>`;case"users":return c`<bastion-users .hub=${e}></bastion-users>`;case"system":return c`<bastion-system .hub=${e}></bastion-system>`;case"settings":return c`<bastion-settings .hub=${e}></bastion-settings>`;default:return c`<bastion-dashboard .hub=${e}></bastion-dashboard>`}}}customElements.define("bastion-app",Ws);ee();export{h as A,f as H,M as a,Es as b,Js as c,c as d,Zs as e,Qs as f,g,_ as i,Ys as l,ut as r,$ as s,R as t,P as u};
